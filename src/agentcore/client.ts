import type { IncomingHttpHeaders } from "node:http";
import * as z from "zod";
import type { CredentialSource, RequestSigner } from "../aws/sign.js";
import type { Logger } from "../log.js";
import { type CallFailure, parseErrorAnswer, redact, requestIdOf } from "./errors.js";
import { HttpSendError, type HttpAnswer, type HttpSend } from "./http-send.js";
import {
  type AttemptFailure,
  type RetryQuota,
  backoffDelayMs,
  classifyFailure,
  isClockSkewCode,
  parseRetryAfterMs,
} from "./retry.js";
import {
  type CreateAgentRuntimeRequest,
  type CreateAgentRuntimeResponse,
  CreateAgentRuntimeResponseSchema,
  type GetAgentRuntimeResponse,
  GetAgentRuntimeResponseSchema,
} from "./schemas.js";

const ListAgentRuntimesResponseSchema = z.looseObject({
  agentRuntimes: z.array(
    z.looseObject({
      agentRuntimeArn: z.string(),
      agentRuntimeId: z.string(),
      agentRuntimeName: z.string(),
      agentRuntimeVersion: z.string(),
      description: z.string().optional(),
      lastUpdatedAt: z.union([z.string(), z.number()]),
      status: z.string(),
    }),
  ),
  nextToken: z.string().optional(),
});
const DeleteAgentRuntimeResponseSchema = z.looseObject({
  status: z.string(),
  agentRuntimeId: z.string().optional(),
  agentRuntimeVersion: z.string().optional(),
});
/** What DeleteAgentRuntime answers. */
export type DeleteAgentRuntimeResponse = z.infer<typeof DeleteAgentRuntimeResponseSchema>;

/** Which page of a list to read. */
export interface PageRequest {
  maxResults?: number;
  nextToken?: string;
}

function pageQuery(input: PageRequest): Record<string, string> {
  return {
    ...(input.maxResults === undefined ? {} : { maxResults: String(input.maxResults) }),
    ...(input.nextToken === undefined ? {} : { nextToken: input.nextToken }),
  };
}

/** One page of ListAgentRuntimes. */
export type ListAgentRuntimesResponse = z.infer<typeof ListAgentRuntimesResponseSchema>;

/** The outcome of one control-plane call, after all its attempts. */
export type CallOutcome<T> =
  | { ok: true; value: T; requestId?: string; attempts: number }
  | { ok: false; failure: CallFailure };

/** Per-call options. */
export interface CallOptions {
  /** The MCP request's abort signal: cancels waiting, backoff and the attempt in flight. */
  signal?: AbortSignal;
}

/** How every client of the process behaves: shared by all regions. */
export interface ClientSettings {
  send: HttpSend;
  quota: RetryQuota;
  maxAttempts: number;
  attemptTimeoutMs: number;
  deadlineMs: number;
  userAgent: string;
  log: Logger;
  now: () => number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Everything one regional client needs, injected; nothing here reads the environment. */
export interface AgentCoreClientDeps extends ClientSettings {
  endpoint: URL;
  signer: RequestSigner;
  /** Read once per attempt so secrets can be redacted from anything the service echoes. */
  credentials: CredentialSource;
}

/** The control-plane operations the tools use. */
export interface AgentCoreClient {
  createAgentRuntime(request: CreateAgentRuntimeRequest & { clientToken: string }, options?: CallOptions): Promise<CallOutcome<CreateAgentRuntimeResponse>>;
  getAgentRuntime(agentRuntimeId: string, version?: string, options?: CallOptions): Promise<CallOutcome<GetAgentRuntimeResponse>>;
  listAgentRuntimes(input: PageRequest, options?: CallOptions): Promise<CallOutcome<ListAgentRuntimesResponse>>;
  listAgentRuntimeVersions(agentRuntimeId: string, input: PageRequest, options?: CallOptions): Promise<CallOutcome<ListAgentRuntimesResponse>>;
  updateAgentRuntime(
    agentRuntimeId: string,
    request: Record<string, unknown> & { clientToken: string },
    options?: CallOptions,
  ): Promise<CallOutcome<CreateAgentRuntimeResponse>>;
  deleteAgentRuntime(agentRuntimeId: string, input: { clientToken: string }, options?: CallOptions): Promise<CallOutcome<DeleteAgentRuntimeResponse>>;
  /** Sends a request by method and path; the response is checked with `schema`. */
  call<T>(operation: Operation<T>, options?: CallOptions): Promise<CallOutcome<T>>;
}

/** One restJson1 operation as the client sends it. */
export interface Operation<T> {
  name: string;
  method: "GET" | "PUT" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Values that must never leave the process in a message (request members marked sensitive). */
  sensitiveValues?: readonly string[];
}

/** What one failed attempt told us. */
interface AttemptProblem extends AttemptFailure {
  requestId?: string;
  fieldList?: CallFailure["fieldList"];
  retryAfterMs?: number;
}

const SKEW_TOLERANCE_MS = 4 * 60 * 1000;

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The sensitive members of a CreateAgentRuntime request (`sensitive: true` in the model). */
export function sensitiveValuesOf(request: CreateAgentRuntimeRequest): string[] {
  return [...(request.description === undefined ? [] : [request.description]), ...Object.values(request.environmentVariables ?? {})];
}

/**
 * Creates our own signed client of the AgentCore control plane: SigV4 on every attempt, the SDK's
 * standard retry mode, per-attempt time-outs inside one total deadline, clock-skew correction, and
 * failures returned as values so tools can turn them into actionable results.
 */
export function createAgentCoreClient(deps: AgentCoreClientDeps): AgentCoreClient {
  let clockOffsetMs = 0;

  async function call<T>(operation: Operation<T>, options: CallOptions = {}): Promise<CallOutcome<T>> {
    const started = deps.now();
    const deadline = started + deps.deadlineMs;
    const url = new URL(deps.endpoint.href);
    url.pathname = `${url.pathname.replace(/\/$/, "")}${operation.path}`;
    for (const [key, value] of Object.entries(operation.query ?? {})) url.searchParams.set(key, value);
    const body = operation.body === undefined ? "" : JSON.stringify(operation.body);
    // Grows by the credentials of each attempt (they may be refreshed between attempts).
    const sensitive = new Set(operation.sensitiveValues);
    let acquired: number | undefined;
    let attempts = 0;
    let lastRequestId: string | undefined;

    const fail = (failure: Omit<CallFailure, "attempts" | "message"> & { message: string }): CallOutcome<T> => ({
      ok: false,
      failure: {
        ...failure,
        message: redact(failure.message, sensitive),
        ...(failure.fieldList
          ? { fieldList: failure.fieldList.map((field) => ({ name: field.name, message: redact(field.message, sensitive) })) }
          : {}),
        attempts,
      },
    });

    for (;;) {
      if (options.signal?.aborted) return fail({ code: "Cancelled", message: "the call was cancelled", retryable: true, requestId: lastRequestId });
      const remaining = deadline - deps.now();
      if (remaining <= 0) {
        return fail({ code: "DeadlineExceeded", message: `no success within ${deps.deadlineMs} ms`, retryable: true, requestId: lastRequestId });
      }
      attempts += 1;
      let headers: Record<string, string>;
      try {
        const credentials = await deps.credentials();
        sensitive.add(credentials.secretAccessKey);
        if (credentials.sessionToken) sensitive.add(credentials.sessionToken);
        headers = await deps.signer(
          {
            method: operation.method,
            url,
            headers: {
              "content-type": "application/json",
              accept: "application/json",
              "user-agent": deps.userAgent,
              ...(body === "" ? {} : { "content-length": String(Buffer.byteLength(body)) }),
            },
            body,
          },
          new Date(deps.now() + clockOffsetMs),
        );
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return fail({ code: "CredentialsError", message: `could not load AWS credentials (${detail})`, retryable: false });
      }

      let sent: { answer: HttpAnswer } | { failure: AttemptProblem };
      try {
        sent = {
          answer: await deps.send({
            method: operation.method,
            url,
            headers,
            ...(body === "" ? {} : { body }),
            timeoutMs: Math.min(deps.attemptTimeoutMs, remaining),
            ...(options.signal ? { signal: options.signal } : {}),
          }),
        };
      } catch (error) {
        if (!(error instanceof HttpSendError)) throw error;
        if (error.code === "AbortError") {
          return fail({ code: "Cancelled", message: "the call was cancelled", retryable: true, requestId: lastRequestId });
        }
        sent = { failure: { code: error.code, message: error.message, ...(error.networkCode ? { networkCode: error.networkCode } : {}) } };
      }

      let failure: AttemptProblem;
      if ("answer" in sent) {
        const { answer } = sent;
        const requestId = requestIdOf(answer.headers);
        lastRequestId = requestId ?? lastRequestId;
        if (answer.status >= 200 && answer.status < 300) {
          const parsed = parseSuccess(answer.body, operation.schema);
          if (parsed.ok) {
            deps.quota.release(acquired);
            return { ok: true, value: parsed.value, attempts, ...(requestId ? { requestId } : {}) };
          }
          failure = { code: "MalformedResponse", message: parsed.message, status: answer.status, ...(requestId ? { requestId } : {}) };
        } else {
          const error = parseErrorAnswer(answer);
          const retryAfterMs = parseRetryAfterMs(headerValue(answer.headers, "retry-after"), deps.now());
          failure = { ...error, status: answer.status, ...(requestId ? { requestId } : {}), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
          if (isClockSkewCode(error.code) && correctClock(answer.headers)) {
            deps.log.warn("corrected clock skew from the service's Date header", { operation: operation.name, offsetMs: clockOffsetMs });
            if (attempts < deps.maxAttempts) continue;
          }
        }
      } else {
        failure = sent.failure;
      }

      const retryClass = classifyFailure(failure);
      const retryable = retryClass !== "none";
      const requestId = failure.requestId ?? lastRequestId;
      const done = (): CallOutcome<T> =>
        fail({
          code: failure.code,
          message: failure.message ?? failure.code,
          retryable,
          ...(failure.status === undefined ? {} : { status: failure.status }),
          ...(requestId === undefined ? {} : { requestId }),
          ...(failure.fieldList ? { fieldList: failure.fieldList } : {}),
        });
      if (!retryable || attempts >= deps.maxAttempts) return done();
      const cost = deps.quota.tryAcquire(retryClass);
      if (cost === undefined) {
        deps.log.warn("retry quota exhausted; not retrying", { operation: operation.name });
        return done();
      }
      acquired = (acquired ?? 0) + cost;
      const delay = backoffDelayMs(attempts, retryClass, deps.random, failure.retryAfterMs);
      if (deps.now() + delay >= deadline) return done();
      deps.log.info("retrying", { operation: operation.name, attempt: attempts, code: failure.code, delayMs: delay });
      try {
        await deps.sleep(delay, options.signal);
      } catch {
        return fail({ code: "Cancelled", message: "the call was cancelled", retryable: true, requestId: lastRequestId });
      }
    }
  }

  // Adopts the service's clock when it is off by more than the signing tolerance allows; returns
  // whether it changed anything, so a skew that was not the cause is not retried for nothing.
  function correctClock(headers: IncomingHttpHeaders): boolean {
    const serverDate = Date.parse(headerValue(headers, "date") ?? "");
    if (Number.isNaN(serverDate)) return false;
    const offset = serverDate - deps.now();
    if (Math.abs(offset - clockOffsetMs) < SKEW_TOLERANCE_MS) return false;
    clockOffsetMs = offset;
    return true;
  }

  return {
    call,
    createAgentRuntime: (request, options) =>
      call(
        {
          name: "CreateAgentRuntime",
          method: "PUT",
          path: "/runtimes/",
          body: request,
          schema: CreateAgentRuntimeResponseSchema,
          sensitiveValues: sensitiveValuesOf(request),
        },
        options,
      ),
    getAgentRuntime: (agentRuntimeId, version, options) =>
      call(
        {
          name: "GetAgentRuntime",
          method: "GET",
          path: `/runtimes/${encodeURIComponent(agentRuntimeId)}/`,
          ...(version === undefined ? {} : { query: { version } }),
          schema: GetAgentRuntimeResponseSchema,
        },
        options,
      ),
    listAgentRuntimes: (input, options) =>
      call({ name: "ListAgentRuntimes", method: "POST", path: "/runtimes/", query: pageQuery(input), schema: ListAgentRuntimesResponseSchema }, options),
    listAgentRuntimeVersions: (agentRuntimeId, input, options) =>
      call(
        {
          name: "ListAgentRuntimeVersions",
          method: "POST",
          path: `/runtimes/${encodeURIComponent(agentRuntimeId)}/versions/`,
          query: pageQuery(input),
          schema: ListAgentRuntimesResponseSchema,
        },
        options,
      ),
    updateAgentRuntime: (agentRuntimeId, request, options) =>
      call(
        {
          name: "UpdateAgentRuntime",
          method: "PUT",
          path: `/runtimes/${encodeURIComponent(agentRuntimeId)}/`,
          body: request,
          schema: CreateAgentRuntimeResponseSchema,
          sensitiveValues: sensitiveValuesOf(request as CreateAgentRuntimeRequest),
        },
        options,
      ),
    deleteAgentRuntime: (agentRuntimeId, input, options) =>
      call(
        {
          name: "DeleteAgentRuntime",
          method: "DELETE",
          path: `/runtimes/${encodeURIComponent(agentRuntimeId)}/`,
          query: { clientToken: input.clientToken },
          schema: DeleteAgentRuntimeResponseSchema,
        },
        options,
      ),
  };
}

function parseSuccess<T>(body: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: "the service answered success with a body that is not JSON" };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, message: "the service answered success without the documented response members" };
  return { ok: true, value: parsed.data };
}
