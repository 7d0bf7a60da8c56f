import { errorResponse, jsonResponse, validationErrorResponse } from "./errors.js";
import type { WireResponse } from "./errors.js";
import { hostedCodeOf } from "./code-host.js";
import type { CodeHost } from "./code-host.js";
import { bindInput } from "./http-binding.js";
import { createLogGroups } from "./log-groups.js";
import type { LogGroups } from "./log-groups.js";
import { validateRequest } from "./model-validator.js";
import { asRecord } from "./records.js";
import type { RouteMatch } from "./routing.js";
import { answerHttp, answerMcp } from "./stand-in-agents.js";
import type { AgentIdentity, McpSessions } from "./stand-in-agents.js";
import type { RuntimeStore } from "./state.js";

/** One runtime session: created by the first invocation with its id, ended by StopRuntimeSession or idleness. */
interface RuntimeSession {
  readonly agentRuntimeId: string;
  readonly runtimeSessionId: string;
  readonly startedAt: number;
  lastUsedAt: number;
  invocations: number;
  stopped: boolean;
  readonly idleMs: number;
  readonly maxLifetimeMs: number;
  readonly mcp: McpSessions;
}

/** A region's data-plane state: the sessions and the log groups the agents write to. */
export interface DataPlaneState {
  readonly sessions: Map<string, RuntimeSession>;
  readonly logs: LogGroups;
}

/** Creates an empty data-plane state. */
export function createDataPlaneState(): DataPlaneState {
  return { sessions: new Map(), logs: createLogGroups() };
}

/** What a data-plane request answers: a whole response, or a stream of Server-Sent Events to send in turn. */
export type DataPlaneAnswer =
  | { readonly kind: "whole"; readonly response: WireResponse }
  | { readonly kind: "events"; readonly headers: Readonly<Record<string, string>>; readonly events: readonly string[] };

/** The request as the server received it. */
export interface DataPlaneRequest {
  readonly route: RouteMatch;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  readonly now: number;
  /** A fresh id (the request id), for trace ids and MCP session ids. */
  readonly requestId: string;
}

// Sessions beyond this many are forgotten oldest first, so a long sandbox session stays flat in memory.
const MAX_SESSIONS = 10_000;
// The service's documented defaults, used when the version has no lifecycle configuration.
const DEFAULT_IDLE_SECONDS = 900;
const DEFAULT_MAX_LIFETIME_SECONDS = 28_800;

/** The log group of one endpoint of a runtime, as AgentCore names it. */
export function runtimeLogGroup(agentRuntimeId: string, endpoint: string): string {
  return `/aws/bedrock-agentcore/runtimes/${agentRuntimeId}-${endpoint}`;
}

function logStream(now: number, runtimeSessionId: string): string {
  const day = new Date(now).toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[runtime-logs]${runtimeSessionId}`;
}

function headerText(headers: DataPlaneRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The headers the platform sends on to an MCP server it hosts: its session as the MCP session, per the AgentCore MCP contract. */
function relayedHeaders(headers: DataPlaneRequest["headers"], mcpSessionId: string, runtimeSessionId: string): Record<string, string> {
  const protocolVersion = headerText(headers, "mcp-protocol-version");
  return {
    "Mcp-Session-Id": mcpSessionId,
    "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id": runtimeSessionId,
    ...(protocolVersion === undefined ? {} : { "Mcp-Protocol-Version": protocolVersion }),
  };
}

function alive(session: RuntimeSession, now: number): boolean {
  return !session.stopped && now - session.lastUsedAt < session.idleMs && now - session.startedAt < session.maxLifetimeMs;
}

function traceIdFor(now: number, requestId: string): string {
  return `Root=1-${Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0")}-${requestId.replaceAll("-", "").slice(0, 24).padEnd(24, "0")}`;
}

function validated(request: DataPlaneRequest): { input: Record<string, unknown> } | { response: WireResponse } {
  const { operation } = request.route;
  const hasPayload = operation.name === "InvokeAgentRuntime";
  // InvokeAgentRuntime's payload member is the raw body; StopRuntimeSession's body is JSON (clientToken).
  let body: Record<string, unknown> = {};
  if (hasPayload) body = { payload: request.body };
  else if (request.body.length > 0) {
    try {
      body = asRecord(JSON.parse(request.body.toString("utf8")));
    } catch {
      return {
        response: errorResponse("ValidationException", "The request body could not be parsed as a JSON object.", {
          members: { reason: "CannotParse" },
        }),
      };
    }
  }
  const input = bindInput(operation, request.route.labels, request.query, body, request.headers);
  const issues = validateRequest(operation.input.shape, input);
  return issues.length > 0 ? { response: validationErrorResponse(issues) } : { input };
}

/**
 * Answers InvokeAgentRuntime and StopRuntimeSession the way the data plane does: the runtime by ARN,
 * the endpoint by `qualifier` (DEFAULT when absent), the session by its header, the stand-in agent
 * for the version that endpoint serves; every invocation writes its lines to the endpoint's log group.
 * With a code host, an MCP runtime whose version is a hosted code package answers through its child instead.
 */
export async function answerDataPlane(
  request: DataPlaneRequest,
  store: RuntimeStore,
  state: DataPlaneState,
  host?: CodeHost,
): Promise<DataPlaneAnswer> {
  const checked = validated(request);
  if ("response" in checked) return { kind: "whole", response: checked.response };
  const { input } = checked;
  const { now } = request;
  const arn = String(input["agentRuntimeArn"]);
  const qualifier = typeof input["qualifier"] === "string" ? input["qualifier"] : "DEFAULT";
  const target = store.resolveInvocation(arn, qualifier, now);
  if (!target.found) return { kind: "whole", response: errorResponse("ResourceNotFoundException", target.message) };
  const { endpoint, agentRuntimeId } = target;
  if (target.runtimeStatus === "DELETING" || target.runtimeStatus === "GONE" || endpoint.liveVersion === undefined) {
    const state_ =
      endpoint.liveVersion === undefined
        ? `endpoint ${endpoint.name} is ${endpoint.status}`
        : `agent runtime ${agentRuntimeId} is ${target.runtimeStatus}`;
    return { kind: "whole", response: errorResponse("RetryableConflictException", `Cannot invoke: ${state_}; invoke once it is READY.`) };
  }
  const runtimeSessionId = String(input["runtimeSessionId"] ?? "");
  const key = `${agentRuntimeId}\n${runtimeSessionId}`;
  const group = runtimeLogGroup(agentRuntimeId, endpoint.name);
  const stream = logStream(now, runtimeSessionId);
  const existing = state.sessions.get(key);
  const hostedVersion = `${agentRuntimeId}/${endpoint.liveVersion}`;

  if (request.route.operation.name === "StopRuntimeSession") {
    if (existing === undefined || !alive(existing, now)) {
      return {
        kind: "whole",
        response: errorResponse(
          "ResourceNotFoundException",
          `Runtime session ${runtimeSessionId} of ${agentRuntimeId} was not found or has already ended.`,
        ),
      };
    }
    existing.stopped = true;
    host?.stop(hostedVersion);
    state.logs.write(
      group,
      stream,
      `INFO session stopped runtimeSessionId=${runtimeSessionId} after ${existing.invocations} invocation(s)`,
      now,
    );
    const response = jsonResponse(200, {});
    return {
      kind: "whole",
      response: { ...response, headers: { ...response.headers, "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id": runtimeSessionId } },
    };
  }

  const lifecycle = asRecord(target.members["lifecycleConfiguration"]);
  const idle = typeof lifecycle["idleRuntimeSessionTimeout"] === "number" ? lifecycle["idleRuntimeSessionTimeout"] : DEFAULT_IDLE_SECONDS;
  const lifetime = typeof lifecycle["maxLifetime"] === "number" ? lifecycle["maxLifetime"] : DEFAULT_MAX_LIFETIME_SECONDS;
  let session = existing;
  if (session === undefined || !alive(session, now)) {
    session = {
      agentRuntimeId,
      runtimeSessionId,
      startedAt: now,
      lastUsedAt: now,
      invocations: 0,
      stopped: false,
      idleMs: idle * 1000,
      maxLifetimeMs: lifetime * 1000,
      mcp: { byId: new Map() },
    };
    state.sessions.delete(key);
    state.sessions.set(key, session);
    if (state.sessions.size > MAX_SESSIONS) {
      const oldest = state.sessions.keys().next().value;
      if (oldest !== undefined) state.sessions.delete(oldest);
    }
    state.logs.write(
      group,
      stream,
      `INFO session started runtimeSessionId=${runtimeSessionId} agentRuntimeVersion=${endpoint.liveVersion}`,
      now,
    );
  }
  session.lastUsedAt = now;
  session.invocations += 1;
  const who: AgentIdentity = {
    agentRuntimeVersion: endpoint.liveVersion,
    endpoint: endpoint.name,
    runtimeSessionId,
    invocationsInSession: session.invocations,
  };
  const protocol = asRecord(target.members["protocolConfiguration"])["serverProtocol"];
  const mcpSessionId = headerText(request.headers, "mcp-session-id");
  const payload = Buffer.isBuffer(input["payload"]) ? input["payload"] : Buffer.alloc(0);
  const hosted = host === undefined || protocol !== "MCP" ? undefined : hostedCodeOf(target.members);
  const reply =
    hosted !== undefined && host !== undefined
      ? await host.relayMcp(
          hostedVersion,
          hosted,
          payload,
          relayedHeaders(request.headers, mcpSessionId ?? runtimeSessionId, runtimeSessionId),
        )
      : protocol === "MCP"
        ? answerMcp(payload, mcpSessionId, session.mcp, () => `mcp-${request.requestId}`, who)
        : answerHttp(payload, headerText(request.headers, "accept"), who);
  const traceId = headerText(request.headers, "x-amzn-trace-id") ?? traceIdFor(now, request.requestId);
  const common = {
    "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id": runtimeSessionId,
    "X-Amzn-Trace-Id": traceId,
    ...(mcpSessionId === undefined ? {} : { "Mcp-Session-Id": mcpSessionId }),
  };
  const detail = `runtimeSessionId=${runtimeSessionId} agentRuntimeVersion=${endpoint.liveVersion} endpoint=${endpoint.name} invocation=${session.invocations} payloadBytes=${payload.length}`;
  if (reply.kind === "error") {
    state.logs.write(group, stream, `ERROR invocation failed status=${reply.status} ${detail}: ${reply.message}`, now);
    const response = errorResponse(
      "RuntimeClientError",
      `Received error (${reply.status}) from runtime. Please check your CloudWatch logs for more information.`,
    );
    return { kind: "whole", response: { ...response, headers: { ...response.headers, ...common } } };
  }
  state.logs.write(group, stream, `INFO invocation ${detail}`, now);
  if (reply.kind === "events") return { kind: "events", headers: { ...common, "Content-Type": "text/event-stream" }, events: reply.events };
  return {
    kind: "whole",
    response: {
      status: reply.status,
      headers: { ...common, "Content-Type": reply.contentType, ...reply.headers },
      body: Buffer.from(reply.body, "utf8"),
    },
  };
}
