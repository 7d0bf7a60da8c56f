import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "../body-reader.js";
import type { EmulatorCredential } from "../credentials.js";
import type { CommonHeaders } from "../delivery.js";
import type { WireResponse } from "../errors.js";
import { type RecordedRequest, redactedHeaders, redactedQuery } from "../recording.js";
import { verifySigV4 } from "../sigv4-verify.js";
import type { SigV4ErrorType, VerifyResult } from "../sigv4-verify.js";
import { ec2Error, handleEc2 } from "./ec2-service.js";
import { ecrError, handleEcr } from "./ecr-service.js";
import { principalFor } from "./fixtures.js";
import type { LogGroups } from "../log-groups.js";
import { handleLogs, logsError } from "./logs-service.js";
import type { SandboxAccount } from "./fixtures.js";
import { handleIam, handleSts, queryError, queryNamespace } from "./query-services.js";
import { handleS3, s3Error } from "./s3-service.js";
import type { S3Answer } from "./s3-service.js";

// The AWS services the pre-flight checks call, each on its own wire protocol, told apart by the
// service name in the SigV4 credential scope (they share the emulator's one endpoint).

/** The services answered here. */
export type PreflightService = "iam" | "sts" | "ecr" | "s3" | "ec2" | "logs";

// CloudWatch Logs is here too: it shares the awsJson shape of ECR, and the runtime's log groups live per region.
const SERVICES: ReadonlySet<string> = new Set<PreflightService>(["iam", "sts", "ecr", "s3", "ec2", "logs"]);
// A code package is larger than any API body; this is room for it without holding arbitrary uploads.
const S3_UPLOAD_MAX_BYTES = 64 * 1024 * 1024;
const SCOPE_SERVICE = /Credential=[^/,\s]*\/\d{8}\/[^/,\s]*\/([^/,\s]+)\/aws4_request/;

/** What the service answers need of the emulator; the server's context provides it. */
export interface ServiceContext {
  readonly credentials: ReadonlyMap<string, EmulatorCredential>;
  readonly clock: { now(): number };
  readonly requests: RecordedRequest[];
  readonly maxRecordedRequests: number;
  /** Leave credentials, signatures and bodies out of what is recorded (the emulator command's recordings). */
  readonly redactRecordedSecrets: boolean;
  readonly maxBodyBytes: number;
  /** The log groups of a region, which the data plane's stand-in agents write to. */
  readonly logsFor: (region: string) => LogGroups;
  /** The resources the services answer for (strict fixtures, or open). */
  readonly account: SandboxAccount;
}

/** One request as the server has split it up. */
export interface ServiceExchange {
  readonly request: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly target: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly common: () => CommonHeaders;
}

/** The pre-flight service a request is signed for, or undefined for anything else (the control plane). */
export function preflightServiceOf(authorization: string | undefined): PreflightService | undefined {
  const service = authorization === undefined ? undefined : SCOPE_SERVICE.exec(authorization)?.[1];
  return service !== undefined && SERVICES.has(service) ? (service as PreflightService) : undefined;
}

const QUERY_AUTH_CODES: Readonly<Record<SigV4ErrorType, string>> = {
  MissingAuthenticationTokenException: "MissingAuthenticationToken",
  IncompleteSignatureException: "IncompleteSignature",
  InvalidSignatureException: "SignatureDoesNotMatch",
  UnrecognizedClientException: "InvalidClientTokenId",
};

const S3_AUTH_CODES: Readonly<Record<SigV4ErrorType, string>> = {
  MissingAuthenticationTokenException: "AccessDenied",
  IncompleteSignatureException: "AuthorizationHeaderMalformed",
  InvalidSignatureException: "SignatureDoesNotMatch",
  UnrecognizedClientException: "InvalidAccessKeyId",
};

type Refusal = Extract<VerifyResult, { valid: false }>;

/** The refusal of a badly signed request, the way each service words it. */
function authError(service: PreflightService, method: string, verdict: Refusal, requestId: string): S3Answer | WireResponse {
  switch (service) {
    case "iam":
    case "sts":
      return queryError(queryNamespace(service), 403, QUERY_AUTH_CODES[verdict.errorType], verdict.message, requestId);
    case "ec2":
      return ec2Error(401, "AuthFailure", verdict.message, requestId);
    case "ecr":
      return ecrError(403, verdict.errorType, verdict.message);
    case "logs":
      return logsError(403, verdict.errorType, verdict.message);
    case "s3":
      return s3Error(method, 403, S3_AUTH_CODES[verdict.errorType], verdict.message, requestId);
  }
}

function answer(
  context: ServiceContext,
  service: PreflightService,
  exchange: ServiceExchange,
  body: Buffer,
  signed: { accessKeyId: string; region: string },
  account: SandboxAccount,
  requestId: string,
): { action: string; response: S3Answer | WireResponse } {
  const principal = principalFor(signed.accessKeyId);
  const text = body.toString("utf8");
  switch (service) {
    case "iam":
      return handleIam(new URLSearchParams(text), principal, account, requestId);
    case "sts":
      return handleSts(new URLSearchParams(text), principal, requestId);
    case "ec2":
      return handleEc2(new URLSearchParams(text), principal, account, signed.region, requestId);
    case "ecr": {
      const target = exchange.request.headers["x-amz-target"];
      return handleEcr(Array.isArray(target) ? target[0] : target, text, principal, account);
    }
    case "logs": {
      const target = exchange.request.headers["x-amz-target"];
      return handleLogs(Array.isArray(target) ? target[0] : target, text, context.logsFor(signed.region));
    }
    case "s3": {
      const s3 = handleS3(exchange.method, exchange.path, exchange.query, principal, account, requestId, body);
      return { action: s3.action, response: s3 };
    }
  }
}

function send(exchange: ServiceExchange, response: S3Answer | WireResponse): void {
  const declared = "contentLength" in response && response.contentLength !== undefined ? response.contentLength : response.body.length;
  exchange.res.writeHead(response.status, { ...exchange.common(), ...response.headers, "Content-Length": String(declared) });
  // A HEAD answer declares the object's length but carries no body.
  exchange.res.end(exchange.method === "HEAD" ? undefined : response.body);
}

function pairHeaders(raw: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return pairs;
}

/**
 * Answers one request for a pre-flight service: reads the body, verifies the signature with the
 * emulator's verifier (scoped to that service), records the request as `<service>:<Action>` and
 * answers on the service's protocol. Returns the line to log.
 */
export async function handleServiceRequest(context: ServiceContext, exchange: ServiceExchange, service: PreflightService): Promise<string> {
  const requestId = exchange.common()["x-amzn-RequestId"] ?? "";
  const limit = service === "s3" && exchange.method === "PUT" ? Math.max(context.maxBodyBytes, S3_UPLOAD_MAX_BYTES) : context.maxBodyBytes;
  const read = await readBody(exchange.request, limit);
  if (!read.complete) {
    send(exchange, { status: 413, headers: { Connection: "close" }, body: Buffer.alloc(0) });
    return `413 ${service}`;
  }
  const verdict = verifySigV4(
    { method: exchange.method, target: exchange.target, headers: pairHeaders(exchange.request.rawHeaders), body: read.body },
    { service, now: context.clock.now(), credentials: context.credentials },
  );
  const { action, response } = verdict.valid
    ? answer(
        context,
        service,
        exchange,
        read.body,
        { accessKeyId: verdict.accessKeyId, region: verdict.region },
        context.account,
        requestId,
      )
    : { action: "", response: authError(service, exchange.method, verdict, requestId) };
  const redact = context.redactRecordedSecrets;
  // A query-protocol body has no model here to tell secrets from the rest: redacted, none of it is kept.
  const body = redact ? Buffer.alloc(0) : read.body;
  context.requests.push({
    method: exchange.method,
    path: exchange.path,
    query: redact ? redactedQuery(Object.fromEntries(exchange.query)) : Object.fromEntries(exchange.query),
    headers: redact ? redactedHeaders(exchange.request.headers) : exchange.request.headers,
    rawBody: body,
    bodyText: body.toString("utf8"),
    signatureValid: verdict.valid,
    ...(verdict.valid ? {} : { signatureError: `${verdict.errorType}: ${verdict.message}` }),
    ...(verdict.region === undefined ? {} : { signingRegion: verdict.region }),
    operation: `${service}:${action}`,
    time: context.clock.now(),
  });
  if (context.requests.length > context.maxRecordedRequests)
    context.requests.splice(0, context.requests.length - context.maxRecordedRequests);
  send(exchange, response);
  return `${response.status} ${service}:${action}`;
}
