// MCP spoken to an agent through InvokeAgentRuntime: the agent is a stateful Streamable HTTP MCP
// server behind the data plane, so each runtime session needs its own MCP session (initialize, then
// notifications/initialized), whose Mcp-Session-Id and protocol version every later request carries.
import type { CallOutcome } from "../aws/call-failure.js";
import type { DataPlaneClient, InvokeOptions, InvokeReply } from "./data-plane.js";

/** The MCP protocol version offered at initialize; the agent may answer with another it supports. */
export const MCP_PROTOCOL_VERSION = "2025-06-18";

/** Where MCP requests go: one endpoint of one runtime, in one runtime session. */
export interface McpTarget {
  agentRuntimeArn: string;
  qualifier: string;
  runtimeSessionId: string;
}

/** The MCP session kept for one runtime session. */
export interface McpSession {
  mcpSessionId: string | undefined;
  protocolVersion: string;
  nextId: number;
}

/** A request's reply, with the JSON-RPC message it carried (undefined for a notification or a reply that is not JSON-RPC). */
export interface McpReply {
  reply: InvokeReply;
  message: unknown;
  session: McpSession;
  /** True when this call opened the MCP session (initialize was sent first). */
  initialized: boolean;
}

/** MCP over InvokeAgentRuntime, with the sessions it opened. */
export interface McpOverInvoke {
  request(
    client: DataPlaneClient,
    target: McpTarget,
    call: { method: string; params?: unknown },
    options: InvokeOptions,
  ): Promise<CallOutcome<McpReply>>;
  /** Forgets the MCP session of a runtime session that ended. */
  forget(target: McpTarget): void;
}

const ACCEPT = "application/json, text/event-stream";

function keyOf(target: McpTarget): string {
  return `${target.agentRuntimeArn}\n${target.qualifier}\n${target.runtimeSessionId}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The JSON-RPC message of a reply: the body, or for an SSE reply the event answering `id`. */
export function jsonRpcMessageOf(reply: InvokeReply, id: number | undefined): unknown {
  if (reply.events.length === 0) return reply.body.trim() === "" ? undefined : parseJson(reply.body);
  const messages = reply.events.map(parseJson);
  return (
    messages.find((message) => typeof message === "object" && message !== null && (message as { id?: unknown }).id === id) ??
    messages.at(-1)
  );
}

function protocolVersionOf(message: unknown): string | undefined {
  if (typeof message !== "object" || message === null) return undefined;
  const result = (message as { result?: { protocolVersion?: unknown } }).result;
  return typeof result?.protocolVersion === "string" ? result.protocolVersion : undefined;
}

/**
 * Creates the MCP client side. `clientInfo` names this server to the agent; at most `maxSessions`
 * MCP sessions are kept (the least recently used is forgotten, and simply initialized again).
 */
export function createMcpOverInvoke(options: { clientInfo: { name: string; version: string }; maxSessions: number }): McpOverInvoke {
  const sessions = new Map<string, McpSession>();

  const send = (
    client: DataPlaneClient,
    target: McpTarget,
    session: McpSession | undefined,
    message: Record<string, unknown>,
    invokeOptions: InvokeOptions,
  ) =>
    client.invoke(
      {
        ...target,
        payload: new TextEncoder().encode(JSON.stringify({ jsonrpc: "2.0", ...message })),
        contentType: "application/json",
        accept: ACCEPT,
        ...(session?.mcpSessionId === undefined ? {} : { mcpSessionId: session.mcpSessionId }),
        ...(session === undefined ? {} : { mcpProtocolVersion: session.protocolVersion }),
      },
      invokeOptions,
    );

  const open = async (client: DataPlaneClient, target: McpTarget, invokeOptions: InvokeOptions): Promise<CallOutcome<McpSession>> => {
    const init = await send(
      client,
      target,
      undefined,
      { id: 0, method: "initialize", params: { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: options.clientInfo } },
      { ...invokeOptions, onEvent: undefined },
    );
    if (!init.ok) return init;
    const session: McpSession = {
      mcpSessionId: init.value.mcpSessionId,
      protocolVersion: protocolVersionOf(jsonRpcMessageOf(init.value, 0)) ?? MCP_PROTOCOL_VERSION,
      nextId: 1,
    };
    const initialized = await send(
      client,
      target,
      session,
      { method: "notifications/initialized" },
      { ...invokeOptions, onEvent: undefined },
    );
    if (!initialized.ok) return initialized;
    return { ...init, value: session };
  };

  return {
    async request(client, target, call, invokeOptions) {
      const key = keyOf(target);
      for (let attempt = 0; ; attempt += 1) {
        let session = sessions.get(key);
        const initialized = session === undefined;
        if (session === undefined) {
          const opened = await open(client, target, invokeOptions);
          if (!opened.ok) return opened;
          session = opened.value;
        }
        sessions.delete(key);
        sessions.set(key, session);
        for (const oldest of sessions.keys()) {
          if (sessions.size <= options.maxSessions) break;
          sessions.delete(oldest);
        }
        const id = session.nextId;
        session.nextId += 1;
        const sent = await send(
          client,
          target,
          session,
          { id, method: call.method, ...(call.params === undefined ? {} : { params: call.params }) },
          invokeOptions,
        );
        // An agent that lost the MCP session (it restarted, the runtime session ended) answers 404: open a new one, once.
        if (
          !sent.ok &&
          !initialized &&
          attempt === 0 &&
          sent.failure.code === "RuntimeClientError" &&
          sent.failure.message.includes("(404)")
        ) {
          sessions.delete(key);
          continue;
        }
        if (!sent.ok) return sent;
        return { ...sent, value: { reply: sent.value, message: jsonRpcMessageOf(sent.value, id), session, initialized } };
      }
    },
    forget(target) {
      sessions.delete(keyOf(target));
    },
  };
}
