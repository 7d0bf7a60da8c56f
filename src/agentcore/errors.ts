import type { IncomingHttpHeaders } from "node:http";

/** A field the service named in a ValidationException. */
export interface FieldProblem {
  name: string;
  message: string;
}

/** Why a control-plane call did not succeed: an expected failure, reported to the model, not thrown. */
export interface CallFailure {
  /** AWS error code (`ConflictException`, ...) or one of ours (`NetworkError`, `TimeoutError`, ...). */
  code: string;
  message: string;
  status?: number;
  requestId?: string;
  /** Whether calling again later (with the same clientToken) may succeed. */
  retryable: boolean;
  attempts: number;
  fieldList?: FieldProblem[];
}

const REMEDIES: Record<string, string> = {
  ValidationException:
    "Fix the fields named above and call again. The arguments passed the local schema, so the service applied a rule it cannot express (for example an image or role in another account or region).",
  ConflictException:
    "A runtime with this agentRuntimeName already exists, or this clientToken was used with different arguments: choose another name, or repeat the original call unchanged with the same clientToken to get its result.",
  AccessDeniedException:
    "The AWS identity lacks permission: allow bedrock-agentcore:CreateAgentRuntime (and bedrock-agentcore:GetAgentRuntime to read it back) plus iam:PassRole on the roleArn, with iam:PassedToService bedrock-agentcore.amazonaws.com.",
  ServiceQuotaExceededException:
    "The account reached its AgentCore runtime quota in this region: delete runtimes it no longer needs, or request a higher quota in Service Quotas.",
  ThrottlingException: "The service is rate-limiting this account: wait a little, then repeat the same call with the same clientToken.",
  InternalServerException:
    "The service failed on its side: repeat the same call later with the same clientToken; it will not create a second runtime.",
  CREATE_FAILED:
    "Read the reason above: usually the role cannot be assumed by bedrock-agentcore.amazonaws.com, or the image or code cannot be fetched with that role. Fix it, then create again under a new name (or delete this runtime first).",
  UPDATE_FAILED: "Read the reason above, fix the configuration it names, and update the runtime again.",
  ConfirmationUnavailable:
    "Use a client that supports MCP elicitation, or have the operator restart the server without --confirm (AGENTCORE_MCP_CONFIRM).",
  NotCreated: "The person did not approve the creation. Ask them what to change before trying again.",
  ResourceNotFoundException:
    "No runtime with that id exists in this region and account: check the id (create_agent_runtime returns it) and the region.",
  NetworkError: "The control plane could not be reached: check the network, proxy and endpoint, then repeat the call with the same clientToken.",
  TimeoutError: "The control plane did not answer in time: repeat the call with the same clientToken; it will not create a second runtime.",
  DeadlineExceeded: "The call ran out of its total time budget: repeat it with the same clientToken, or raise the deadline.",
  Cancelled: "The client cancelled the call. If it was sent, repeating it with the same clientToken returns the runtime it created.",
  CredentialsError:
    "No usable AWS credentials: set AWS_PROFILE (and run `aws sso login` for SSO profiles) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the server's environment, or start it with --sandbox to try it without AWS.",
  InvalidSignatureException: "The request signature was rejected: check the system clock and that the credentials are current.",
  UnrecognizedClientException: "The access key is not known to AWS: refresh the credentials the server runs with.",
  ExpiredTokenException: "The session token has expired: refresh the credentials (for SSO, `aws sso login`).",
  MalformedResponse: "The service answered with something that is not the documented response: repeat the call with the same clientToken.",
  ResponseTooLarge: "The answer was larger than any valid response: check the endpoint URL points at the AgentCore control plane.",
};

/** A one-line next step for a failure, written for a model to act on. */
export function remedyFor(code: string): string {
  return REMEDIES[code] ?? "Check the message above; if it names a field, fix it and call again with the same clientToken.";
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request id AWS puts on every answer. */
export function requestIdOf(headers: IncomingHttpHeaders): string | undefined {
  return header(headers, "x-amzn-requestid") ?? header(headers, "x-amz-request-id");
}

const MAX_MESSAGE_LENGTH = 1000;

/**
 * Reads an AWS restJson1 error: the code from `X-Amzn-Errortype` (else the body's `__type`/`code`),
 * namespace and URI suffixes stripped, as the SDK does; `message` and `fieldList` from the body.
 * The text is returned as sent: the caller redacts it once, with every other message it reports.
 */
export function parseErrorAnswer(answer: { status: number; headers: IncomingHttpHeaders; body: string }): {
  code: string;
  message: string;
  fieldList?: FieldProblem[];
} {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(answer.body);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // An error answer without a JSON body still has a status and usually a code header.
  }
  const rawCode =
    header(answer.headers, "x-amzn-errortype") ??
    (typeof body.__type === "string" ? body.__type : undefined) ??
    (typeof body.code === "string" ? body.code : undefined) ??
    `HTTP${answer.status}`;
  const code = (rawCode.split(":")[0] ?? rawCode).split("#").pop() ?? rawCode;
  const rawMessage = typeof body.message === "string" ? body.message : typeof body.Message === "string" ? body.Message : "";
  const fieldList = Array.isArray(body.fieldList)
    ? body.fieldList.flatMap((field: unknown) => {
        if (field === null || typeof field !== "object") return [];
        const { name, message } = field as Record<string, unknown>;
        return typeof name === "string" && typeof message === "string"
          ? [{ name, message }]
          : [];
      })
    : undefined;
  const message = rawMessage || `the service answered HTTP ${answer.status}`;
  return { code, message, ...(fieldList && fieldList.length > 0 ? { fieldList } : {}) };
}

/**
 * Replaces every known sensitive value in a text, raw or JSON-escaped (a service that echoes the
 * request body echoes it as JSON), and bounds the text's length.
 */
export function redact(text: string, sensitiveValues: Iterable<string>): string {
  let out = text;
  for (const value of sensitiveValues) {
    if (value.length < 4) continue;
    for (const form of new Set([JSON.stringify(value).slice(1, -1), value])) out = out.split(form).join("[redacted]");
  }
  return out.length > MAX_MESSAGE_LENGTH ? `${out.slice(0, MAX_MESSAGE_LENGTH)}…` : out;
}
