import type { PreflightCheck, PreflightCheckId } from "./schemas.js";

/** A check's outcome before the runner stamps its duration on it. */
export type CheckOutcome = Omit<PreflightCheck, "durationMs">;

/** A passed check. */
export function pass(id: PreflightCheckId, detail: string): CheckOutcome {
  return { id, status: "pass", detail };
}

/** A failed check, with the repair. */
export function fail(id: PreflightCheckId, detail: string, fix: string): CheckOutcome {
  return { id, status: "fail", detail, fix };
}

/** A check that could not run; `permission` names the IAM action that would let it run. */
export function unknown(id: PreflightCheckId, detail: string, permission?: string): CheckOutcome {
  return permission === undefined ? { id, status: "unknown", detail } : { id, status: "unknown", detail, permission };
}

// Error names AWS services use for a caller that lacks a permission. Signature and token errors
// also come as 403 but mean broken credentials, not a missing permission.
const ACCESS_DENIED_NAMES = new Set(["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Forbidden"]);
const CREDENTIAL_ERROR_NAMES = new Set([
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "UnrecognizedClientException",
  "IncompleteSignature",
  "ExpiredToken",
  "ExpiredTokenException",
]);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/** The error's name (the service's error code, for SDK errors), or undefined when it has none. */
export function errorName(error: unknown): string | undefined {
  const name = (error as SdkErrorShape | null)?.name;
  return typeof name === "string" ? name : undefined;
}

/** The HTTP status an SDK error came with, if any. */
export function errorStatus(error: unknown): number | undefined {
  const status = (error as SdkErrorShape | null)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

/** Whether the service refused the call for want of a permission. */
export function isAccessDenied(error: unknown): boolean {
  const name = errorName(error);
  if (name !== undefined && ACCESS_DENIED_NAMES.has(name)) return true;
  // S3 answers HEAD without a body, so a refusal is only a 403.
  return errorStatus(error) === 403 && (name === undefined || !CREDENTIAL_ERROR_NAMES.has(name));
}

interface NetworkErrorShape {
  readonly code?: unknown;
  readonly hostname?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
}

// A system error's code (ENOTFOUND, ECONNREFUSED, ETIMEDOUT, ...) names what went wrong on the way
// to the service, and its host or address names where: both safe to show, unlike a message.
function networkCause(error: unknown, service: string): string | undefined {
  const shape = (error ?? {}) as NetworkErrorShape;
  if (typeof shape.code !== "string" || !/^E[A-Z_]+$/.test(shape.code)) return undefined;
  const where =
    typeof shape.hostname === "string"
      ? shape.hostname
      : typeof shape.address === "string"
        ? `${shape.address}${typeof shape.port === "number" ? `:${shape.port}` : ""}`
        : service;
  return `${where} could not be reached: ${shape.code}`;
}

function timedOut(error: unknown): boolean {
  const name = errorName(error);
  return name === "AbortError" || name === "TimeoutError";
}

/**
 * The `unknown` outcome for a call that failed in a way the check cannot judge, in words: access
 * denied names the permission; a service that could not be reached, or did not answer within the
 * run's budget, says so; anything else names the error code (never its message, which may quote
 * request values).
 */
export function unknownFromError(id: PreflightCheckId, error: unknown, permission: string, what: string, budgetMs?: number): CheckOutcome {
  if (isAccessDenied(error)) return unknown(id, `Could not ${what}: access denied.`, permission);
  const service = (permission.split(":")[0] ?? "").toUpperCase();
  const unreachable = networkCause(error, service);
  if (unreachable !== undefined) return unknown(id, `Could not ${what}: ${unreachable}.`);
  if (timedOut(error)) {
    const within = budgetMs === undefined ? "in time" : `within the pre-flight budget of ${budgetMs} ms`;
    return unknown(id, `Could not ${what}: ${service} did not answer ${within}.`);
  }
  const code = errorName(error) ?? "an unexpected error";
  return unknown(id, `Could not ${what}: ${code}.`);
}
