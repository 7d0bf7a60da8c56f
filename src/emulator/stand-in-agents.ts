// The agents the sandbox runs instead of a container: an HTTP agent that echoes what it is sent, and an
// MCP server with two tools. They answer what a real agent behind InvokeAgentRuntime would, so a caller
// can see sessions, versions and endpoints at work.
import { isRecord } from "./records.js";

/** Who is answering: the version the endpoint serves, and the endpoint. */
export interface AgentIdentity {
  readonly agentRuntimeVersion: string;
  readonly endpoint: string;
  readonly runtimeSessionId: string;
  /** 1 for the first invocation of the session. */
  readonly invocationsInSession: number;
}

/** What an agent answers: a whole body, or a stream of Server-Sent Events. */
export type AgentReply =
  | {
      readonly kind: "whole";
      readonly status: number;
      readonly contentType: string;
      readonly body: string;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly kind: "events"; readonly events: readonly string[] }
  | { readonly kind: "error"; readonly status: number; readonly message: string };

/** The MCP protocol versions the stand-in speaks, newest first. */
const MCP_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26"];

function parsePayload(payload: Buffer): unknown {
  const text = payload.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The HTTP agent: answers `{ echo, runtimeSessionId, invocationsInSession, agentRuntimeVersion, endpoint }`,
 * as SSE (the payload's text in pieces, then the whole answer) when the caller accepts `text/event-stream`.
 * A payload `{"fail": <status>}` makes it fail with that status (500 for `true`), as a crashing agent would.
 */
export function answerHttp(payload: Buffer, accept: string | undefined, who: AgentIdentity): AgentReply {
  const echo = parsePayload(payload);
  if (isRecord(echo) && echo["fail"] !== undefined && echo["fail"] !== false) {
    const status = typeof echo["fail"] === "number" && echo["fail"] >= 400 && echo["fail"] <= 599 ? echo["fail"] : 500;
    return { kind: "error", status, message: "the agent raised an error while handling the invocation" };
  }
  const answer = JSON.stringify({ echo, ...who });
  if (accept?.includes("text/event-stream") !== true) return { kind: "whole", status: 200, contentType: "application/json", body: answer };
  const text = typeof echo === "string" ? echo : JSON.stringify(echo);
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(JSON.stringify({ delta: text.slice(at, at + size) }));
  return { kind: "events", events: [...pieces, answer] };
}

/** One MCP session of the stand-in, kept per runtime session. */
export interface McpSessions {
  /** Mcp-Session-Id → the protocol version agreed at initialize. */
  readonly byId: Map<string, string>;
}

function rpcResult(id: unknown, result: unknown, headers: Readonly<Record<string, string>> = {}): AgentReply {
  return { kind: "whole", status: 200, contentType: "application/json", body: JSON.stringify({ jsonrpc: "2.0", id, result }), headers };
}

function rpcError(id: unknown, code: number, message: string): AgentReply {
  return {
    kind: "whole",
    status: 200,
    contentType: "application/json",
    body: JSON.stringify({ jsonrpc: "2.0", id: id ?? null, error: { code, message } }),
  };
}

const TOOLS = [
  {
    name: "echo",
    description: "Returns the text it is given.",
    inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  },
  {
    name: "whoami",
    description: "Says which runtime version and endpoint answered.",
    inputSchema: { type: "object", properties: {} },
  },
];

/**
 * The MCP agent (Streamable HTTP, stateful): `initialize` opens an MCP session (its id in
 * `Mcp-Session-Id`), every later request must carry it; tools `echo` and `whoami`.
 */
export function answerMcp(
  payload: Buffer,
  mcpSessionId: string | undefined,
  sessions: McpSessions,
  newSessionId: () => string,
  who: AgentIdentity,
): AgentReply {
  const message = parsePayload(payload);
  if (!isRecord(message) || message["jsonrpc"] !== "2.0" || typeof message["method"] !== "string")
    return rpcError(null, -32600, "Invalid Request: not a JSON-RPC 2.0 message");
  const { id, method } = message;
  const params = isRecord(message["params"]) ? message["params"] : {};
  if (method === "initialize") {
    const asked = typeof params["protocolVersion"] === "string" ? params["protocolVersion"] : "";
    const version = MCP_VERSIONS.includes(asked) ? asked : (MCP_VERSIONS[0] ?? asked);
    const sessionId = newSessionId();
    sessions.byId.set(sessionId, version);
    return rpcResult(
      id,
      {
        protocolVersion: version,
        capabilities: { tools: {} },
        serverInfo: { name: "agentcore-emulator-mcp-agent", version: who.agentRuntimeVersion },
      },
      { "Mcp-Session-Id": sessionId, "Mcp-Protocol-Version": version },
    );
  }
  if (mcpSessionId === undefined || !sessions.byId.has(mcpSessionId)) {
    return { kind: "error", status: 404, message: "MCP session not found: send initialize first and then its Mcp-Session-Id" };
  }
  if (id === undefined) return { kind: "whole", status: 202, contentType: "application/json", body: "" };
  switch (method) {
    case "ping":
      return rpcResult(id, {});
    case "tools/list":
      return rpcResult(id, { tools: TOOLS });
    case "tools/call": {
      const args = isRecord(params["arguments"]) ? params["arguments"] : {};
      if (params["name"] === "echo") {
        const text = typeof args["text"] === "string" ? args["text"] : JSON.stringify(args);
        return rpcResult(id, { content: [{ type: "text", text }] });
      }
      if (params["name"] === "whoami") {
        const identity = { agentRuntimeVersion: who.agentRuntimeVersion, endpoint: who.endpoint, runtimeSessionId: who.runtimeSessionId };
        return rpcResult(id, { content: [{ type: "text", text: JSON.stringify(identity) }], structuredContent: identity });
      }
      return rpcError(id, -32602, `Unknown tool: ${String(params["name"])}`);
    }
    default:
      return rpcError(id, -32601, `Method not found: ${method}`);
  }
}
