import { DATA_PLANE_MODEL, SERVICE_MODEL } from "./model.js";
import { formatValidationMessage } from "./model-validator.js";
import type { ValidationIssue } from "./model-validator.js";

/** A complete answer before it is written: the emulator's request-scoped headers are added on the way out. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

// Errors AWS front ends send that the service model does not list, with their HTTP statuses.
const UNMODELLED_ERRORS: ReadonlyMap<string, number> = new Map([
  ["IncompleteSignatureException", 403],
  ["InvalidSignatureException", 403],
  ["MissingAuthenticationTokenException", 403],
  ["UnrecognizedClientException", 403],
  ["UnknownOperationException", 404],
  ["RequestEntityTooLargeException", 413],
  ["BadGatewayException", 502],
  ["ServiceUnavailableException", 503],
  ["GatewayTimeoutException", 504],
]);

const MODELLED_ERRORS: ReadonlyMap<string, number> = new Map(
  [...Object.entries(SERVICE_MODEL.shapes), ...Object.entries(DATA_PLANE_MODEL.shapes)].flatMap(([name, shape]) =>
    shape.error === undefined ? [] : [[name, shape.error.httpStatusCode] as const],
  ),
);

/** The HTTP status of an error type: the model's `httpStatusCode`, else the front end's. */
function errorStatus(errorType: string): number | undefined {
  return MODELLED_ERRORS.get(errorType) ?? UNMODELLED_ERRORS.get(errorType);
}

/** The error type an AWS answer with this status carries, preferring the model's own exceptions. */
export function errorTypeForStatus(status: number): string | undefined {
  for (const [name, code] of [...MODELLED_ERRORS, ...UNMODELLED_ERRORS]) {
    if (code === status) return name;
  }
  return undefined;
}

/** A JSON answer with the given status. */
export function jsonResponse(status: number, value: unknown): WireResponse {
  return { status, headers: { "Content-Type": "application/json" }, body: Buffer.from(JSON.stringify(value), "utf8") };
}

/**
 * An error the way restJson1 services send it: the type in `X-Amzn-Errortype`, `{"message": …}` plus
 * any modelled members in the body. A ValidationException always carries its required `reason`.
 */
export function errorResponse(
  errorType: string,
  message: string,
  options: {
    readonly status?: number;
    readonly members?: Readonly<Record<string, unknown>>;
    readonly headers?: Readonly<Record<string, string>>;
  } = {},
): WireResponse {
  const status = options.status ?? errorStatus(errorType);
  if (status === undefined) throw new Error(`No HTTP status known for ${errorType}`);
  const members = errorType === "ValidationException" ? { reason: "FieldValidationFailed", ...options.members } : options.members;
  const response = jsonResponse(status, { message, ...members });
  return { ...response, headers: { ...response.headers, "X-Amzn-Errortype": errorType, ...options.headers } };
}

/** A ValidationException listing every issue, as the service's front end reports field failures. */
export function validationErrorResponse(issues: readonly ValidationIssue[]): WireResponse {
  return errorResponse("ValidationException", formatValidationMessage(issues), {
    members: { reason: "FieldValidationFailed", fieldList: issues.map((issue) => ({ name: issue.path, message: issue.message })) },
  });
}
