import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { readBody } from "./body-reader.js";
import type { EmulatorClock } from "./clock.js";
import type { CodeHost } from "./code-host.js";
import { CONTROL_PREFIX, CONTROL_TOKEN_HEADER, handleControl } from "./control.js";
import type { EmulatorCredential } from "./credentials.js";
import { sendHuge, sendTrickled, sendTruncated, sendWhole } from "./delivery.js";
import type { CommonHeaders } from "./delivery.js";
import { errorResponse, errorTypeForStatus } from "./errors.js";
import type { WireResponse } from "./errors.js";
import type { Fault, FaultPlan } from "./faults.js";
import type { HostGuard } from "./host-guard.js";
import type { LogGroups } from "./log-groups.js";
import { answerDataPlane } from "./data-plane.js";
import type { DataPlaneAnswer } from "./data-plane.js";
import { DATA_PLANE_MODEL, SIGNING_NAME } from "./model.js";
import { executeOperation } from "./operations.js";
import { type RecordedRequest, redactedHeaders, redactedQuery } from "./recording.js";
import type { RegionalStores } from "./regional-stores.js";
import { redactRequestBody } from "./redact-body.js";
import { isRecord } from "./records.js";
import { matchRoute } from "./routing.js";
import type { RouteMatch } from "./routing.js";
import type { SandboxAccount } from "./services/fixtures.js";
import { handleServiceRequest, preflightServiceOf } from "./services/index.js";
import { verifySigV4 } from "./sigv4-verify.js";
import type { VerifyResult } from "./sigv4-verify.js";

/** Everything the request listener works with; owned by the emulator. */
export interface ServerContext {
  readonly stores: RegionalStores;
  readonly faults: FaultPlan;
  /** Drops every fault, the clock skew a `clock-skew` fault set included. */
  readonly clearFaults: () => void;
  /** Answers only requests whose `Host` it allows. */
  readonly hostGuard: HostGuard;
  /** The `x-emulator-control-token` the control endpoints require; undefined turns them off. */
  readonly controlToken: string | undefined;
  /** Drops secret-bearing headers from records before they are stored. */
  readonly redactRecordedSecrets: boolean;
  readonly credentials: ReadonlyMap<string, EmulatorCredential>;
  readonly clock: EmulatorClock;
  readonly requests: RecordedRequest[];
  /** Oldest records are dropped beyond this many, so a long-running sandbox stays flat in memory. */
  readonly maxRecordedRequests: number;
  readonly maxBodyBytes: number;
  readonly requestId: () => string;
  readonly log: (line: string) => void;
  /** Aborted by `close()`, to end delays and trickles at once. */
  readonly signal: AbortSignal;
  /** Pause between the events of a streamed (SSE) agent answer. */
  readonly streamIntervalMs: number;
  readonly logsFor: (region: string) => LogGroups;
  /** The IAM, ECR, S3 and EC2 resources the pre-flight services answer for. */
  readonly account: SandboxAccount;
  /** Hands the state to the state file, if any, after an operation ran. */
  readonly persist: () => void;
  /** Runs hosted code packages (the `hostCode` option); undefined: stand-in agents answer every invocation. */
  readonly codeHost: CodeHost | undefined;
}

const CAPTIVE_PORTAL_PAGE = Buffer.from(
  "<!DOCTYPE html>\n<html><head><title>Network login</title></head><body><h1>Sign in to continue</h1><p>This network requires you to sign in.</p></body></html>\n",
  "utf8",
);

/** One request and its answer in the making. */
interface Exchange {
  readonly request: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** The raw request target: path and query, as received. */
  readonly target: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The headers every answer carries, computed when sent (the `Date` follows the clock). */
  readonly common: () => CommonHeaders;
}

type StatusFault = Extract<Fault, { kind: "status" }>;

function pairHeaders(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i] ?? "", rawHeaders[i + 1] ?? ""]);
  return pairs;
}

function tooLargeResponse(maxBodyBytes: number): WireResponse {
  // The unread rest of the body would otherwise be parsed as the next request on this connection.
  return errorResponse("RequestEntityTooLargeException", `The request body exceeds ${maxBodyBytes} bytes.`, {
    headers: { Connection: "close" },
  });
}

function statusFaultResponse(fault: StatusFault, body: Buffer): WireResponse {
  // Queued faults were checked to have a type; a rule's faults were not, hence the fallback.
  const errorType = fault.errorType ?? errorTypeForStatus(fault.status) ?? "InternalServerException";
  const echo = fault.echoRequest === true ? ` Request body: ${body.toString("utf8")}` : "";
  return errorResponse(errorType, `${fault.message ?? `${errorType} injected by the emulator.`}${echo}`, {
    status: fault.status,
    headers: fault.retryAfter === undefined ? {} : { "Retry-After": fault.retryAfter },
  });
}

type IamRoleFault = Extract<Fault, { kind: "iam-role" }>;

/** The answers AWS gives about a request's role that the model does not spell out (wording as reported publicly). */
function iamRoleFaultResponse(fault: IamRoleFault, body: Buffer): WireResponse {
  let roleArn = "(none)";
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    if (isRecord(parsed) && typeof parsed["roleArn"] === "string") roleArn = parsed["roleArn"];
  } catch {
    // A body that is no JSON still gets the answer, naming no role.
  }
  return fault.problem === "not-assumable"
    ? errorResponse(
        "ValidationException",
        `Role validation failed for ${roleArn}. Please verify that the role exists and that its trust policy lets bedrock-agentcore.amazonaws.com assume it.`,
      )
    : errorResponse("AccessDeniedException", `The IAM role ARN format is invalid: ${roleArn}. Provide a valid IAM role ARN.`);
}

function record(
  context: ServerContext,
  exchange: Exchange,
  received: Buffer,
  verdict: VerifyResult | undefined,
  route: RouteMatch | undefined,
): void {
  if (context.maxRecordedRequests <= 0) return;
  const operation = route?.operation.name;
  // Without a route there is no shape to tell secrets from the rest, so nothing of the body is kept.
  const body = !context.redactRecordedSecrets
    ? received
    : route === undefined
      ? Buffer.alloc(0)
      : redactRequestBody(route.operation.input.shape, received);
  context.requests.push({
    method: exchange.method,
    path: exchange.path,
    query: context.redactRecordedSecrets ? redactedQuery(Object.fromEntries(exchange.query)) : Object.fromEntries(exchange.query),
    headers: context.redactRecordedSecrets ? redactedHeaders(exchange.request.headers) : exchange.request.headers,
    rawBody: body,
    bodyText: body.toString("utf8"),
    signatureValid: verdict?.valid === true,
    ...(verdict !== undefined && !verdict.valid ? { signatureError: `${verdict.errorType}: ${verdict.message}` } : {}),
    ...(verdict?.region === undefined ? {} : { signingRegion: verdict.region }),
    ...(operation === undefined ? {} : { operation }),
    time: context.clock.now(),
  });
  if (context.requests.length > context.maxRecordedRequests) {
    context.requests.splice(0, context.requests.length - context.maxRecordedRequests);
  }
}

/** Plays the faults that replace the answer; returns the outcome to log, or undefined to go on. */
async function playReplacingFault(
  context: ServerContext,
  exchange: Exchange,
  fault: Fault | undefined,
  body: Buffer,
): Promise<string | undefined> {
  switch (fault?.kind) {
    case "delay":
      await sleep(fault.ms, undefined, { signal: context.signal });
      return undefined;
    case "hang":
      return "hang";
    case "reset":
      if (fault.afterProcessing === true) return undefined;
      exchange.request.socket.destroy();
      return "reset";
    case "status":
      sendWhole(exchange.res, statusFaultResponse(fault, body), exchange.common());
      return String(fault.status);
    case "iam-role": {
      const response = iamRoleFaultResponse(fault, body);
      sendWhole(exchange.res, response, exchange.common());
      return String(response.status);
    }
    case "non-json":
      sendWhole(
        exchange.res,
        { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" }, body: CAPTIVE_PORTAL_PAGE },
        exchange.common(),
      );
      return "non-json";
    case "huge":
      await sendHuge(exchange.res, fault.bytes, exchange.common());
      return "huge";
    default:
      return undefined;
  }
}

/** Sends the answer, spoiled the way the fault says. */
async function deliver(context: ServerContext, exchange: Exchange, fault: Fault | undefined, response: WireResponse): Promise<void> {
  switch (fault?.kind) {
    case "reset":
      exchange.request.socket.destroy();
      return;
    case "truncated":
      sendTruncated(exchange.res, response, exchange.common(), fault.declareLength === true);
      return;
    case "trickle":
      await sendTrickled(exchange.res, response, exchange.common(), fault.bytesPerSecond, context.signal);
      return;
    default:
      sendWhole(exchange.res, response, exchange.common());
  }
}

/** Sends an agent's Server-Sent Events one by one, as a streaming agent would; stops when the caller leaves or the emulator closes. */
async function sendEvents(context: ServerContext, exchange: Exchange, answer: Extract<DataPlaneAnswer, { kind: "events" }>): Promise<void> {
  const { res } = exchange;
  res.writeHead(200, { ...exchange.common(), ...answer.headers, "Cache-Control": "no-cache" });
  for (const [index, event] of answer.events.entries()) {
    if (res.destroyed) return;
    if (index > 0) await sleep(context.streamIntervalMs, undefined, { signal: context.signal });
    res.write(`data: ${event}\n\n`);
  }
  res.end();
}

async function handleApiRequest(context: ServerContext, exchange: Exchange): Promise<string> {
  const { method, path } = exchange;
  const route = matchRoute(method, path);
  const operation = route?.operation.name;
  const read = await readBody(exchange.request, context.maxBodyBytes);
  if (!read.complete) {
    record(context, exchange, read.received, undefined, route);
    sendWhole(exchange.res, tooLargeResponse(context.maxBodyBytes), exchange.common());
    return "413";
  }
  const fault = context.faults.next({ method, path, ...(operation === undefined ? {} : { operation }) });
  if (fault !== undefined) context.log(`fault ${fault.kind} on ${operation ?? `${method} ${path}`}`);
  // Before verification, so that the skewed clock judges this very request.
  if (fault?.kind === "clock-skew") context.clock.setSkew(fault.ms);
  const verdict = verifySigV4(
    { method, target: exchange.target, headers: pairHeaders(exchange.request.rawHeaders), body: read.body },
    {
      service: SIGNING_NAME,
      now: context.clock.now(),
      credentials: context.credentials,
      servesRegion: (region) => context.stores.serves(region),
    },
  );
  record(context, exchange, read.body, verdict, route);
  const replaced = await playReplacingFault(context, exchange, fault, read.body);
  if (replaced !== undefined) return replaced;
  let response: WireResponse;
  if (!verdict.valid) response = errorResponse(verdict.errorType, verdict.message);
  else if (route === undefined) response = errorResponse("UnknownOperationException", `No operation matches ${method} ${path}.`);
  else if (Object.hasOwn(DATA_PLANE_MODEL.operations, route.operation.name)) {
    const requestId = exchange.common()["x-amzn-RequestId"] ?? "";
    const answer = await answerDataPlane(
      { route, query: exchange.query, headers: exchange.request.headers, body: read.body, now: context.clock.now(), requestId },
      context.stores.forRegion(verdict.region),
      context.stores.dataPlane(verdict.region),
      context.codeHost,
    );
    if (answer.kind === "events") {
      await sendEvents(context, exchange, answer);
      return `200 ${operation ?? "-"} (stream)`;
    }
    response = answer.response;
  }
  // The region the request was signed for picks the state, as each AWS region is its own service.
  else {
    response = executeOperation(route, exchange.query, read.body, context.stores.forRegion(verdict.region), context.clock.now());
    // Before the answer leaves: a client told "created" must find the runtime in the next process too.
    context.persist();
  }
  await deliver(context, exchange, fault, response);
  return `${response.status} ${operation ?? "-"}`;
}

function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== "string") return false;
  const left = Buffer.from(sent, "utf8");
  const right = Buffer.from(expected, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

async function handleControlRequest(context: ServerContext, exchange: Exchange): Promise<string> {
  const read = await readBody(exchange.request, context.maxBodyBytes);
  const { controlToken } = context;
  let response: WireResponse;
  if (controlToken === undefined)
    response = errorResponse("UnknownOperationException", "The control endpoints are off: the emulator does not listen on loopback.");
  else if (!sameToken(exchange.request.headers[CONTROL_TOKEN_HEADER], controlToken)) {
    response = errorResponse(
      "AccessDeniedException",
      `The control endpoints need the emulator's control token in the ${CONTROL_TOKEN_HEADER} header.`,
    );
  } else if (!read.complete) response = tooLargeResponse(context.maxBodyBytes);
  else response = handleControl(exchange.method, exchange.path, read.body, context);
  sendWhole(exchange.res, response, exchange.common());
  return String(response.status);
}

/** Answers a request whose `Host` names some other site: 421, read nothing, do nothing. */
function refuseHost(exchange: Exchange): Promise<string> {
  const response = errorResponse("MisdirectedRequestException", "The Host header does not name this emulator (DNS-rebinding guard).", {
    status: 421,
    headers: { Connection: "close" },
  });
  sendWhole(exchange.res, response, exchange.common());
  return Promise.resolve("421 host refused");
}

/**
 * Creates the HTTP request listener. Every request must name the emulator in `Host`. API requests are recorded, offered to the fault plan, verified
 * (SigV4), routed by the model's `http` bindings and answered the restJson1 way; requests under
 * {@link CONTROL_PREFIX} drive the emulator itself, need the control token and are neither signed, recorded nor faulted.
 */
export function createRequestListener(context: ServerContext): (request: IncomingMessage, res: ServerResponse) => void {
  return (request, res) => {
    // Node would date answers with the real clock; the emulator's clock may be injected or skewed.
    res.sendDate = false;
    const requestId = context.requestId();
    const target = request.url ?? "/";
    const queryAt = target.indexOf("?");
    const exchange: Exchange = {
      request,
      res,
      method: request.method ?? "",
      target,
      path: queryAt < 0 ? target : target.slice(0, queryAt),
      query: new URLSearchParams(queryAt < 0 ? "" : target.slice(queryAt + 1)),
      common: () => ({ "x-amzn-RequestId": requestId, Date: new Date(context.clock.now()).toUTCString() }),
    };
    // Requests signed for IAM, STS, ECR, S3 or EC2 (the pre-flight checks) are answered by services/.
    const service = preflightServiceOf(request.headers.authorization);
    const handled = !context.hostGuard.allows(request.headers.host)
      ? refuseHost(exchange)
      : exchange.path.startsWith(CONTROL_PREFIX)
        ? handleControlRequest(context, exchange)
        : service !== undefined
          ? handleServiceRequest(context, exchange, service)
          : handleApiRequest(context, exchange);
    handled.then(
      (outcome) => context.log(`${exchange.method} ${target} ${outcome} ${requestId}`),
      (error: unknown) => {
        // The client left, or close() aborted a delay: nothing more can be answered.
        if (!res.headersSent && !res.destroyed)
          sendWhole(res, errorResponse("InternalServerException", "The emulator failed to handle the request."), exchange.common());
        else res.destroy();
        context.log(`${exchange.method} ${target} failed: ${error instanceof Error ? error.message : String(error)} ${requestId}`);
      },
    );
  };
}
