// The data plane as the tools use it (InvokeAgentRuntime, StopRuntimeSession), apart from the SDK
// client that implements it (data-plane-sdk.ts, which control-plane.ts imports on first use: listing
// tools or managing runtimes never loads @aws-sdk/client-bedrock-agentcore).
import type { CallOutcome } from "../aws/call-failure.js";
import type { CallOptions } from "./agentcore-client.js";

/** One invocation as sent. */
export interface InvokeRequest {
  agentRuntimeArn: string;
  qualifier: string;
  runtimeSessionId: string;
  payload: Uint8Array;
  contentType: string;
  accept: string;
  mcpSessionId?: string;
  mcpProtocolVersion?: string;
}

/** How an invocation's reply is read. */
export interface InvokeOptions extends CallOptions {
  /** Bytes of the reply kept; the rest is not read (the reply is then `truncated`). */
  maxBytes: number;
  /** Called with the data of each Server-Sent Event as it arrives, when the reply is `text/event-stream`. */
  onEvent?: (data: string) => Promise<void> | void;
}

/** An invocation's reply: its headers and the body read within the bound. */
export interface InvokeReply {
  statusCode: number;
  contentType: string;
  runtimeSessionId?: string;
  mcpSessionId?: string;
  mcpProtocolVersion?: string;
  traceId?: string;
  /** The body as text, at most `maxBytes` of it. */
  body: string;
  truncated: boolean;
  /** The data of every Server-Sent Event read, in order (empty for other replies). */
  events: string[];
}

/** The data-plane operations the tools use. */
export interface DataPlaneClient {
  invoke(request: InvokeRequest, options: InvokeOptions): Promise<CallOutcome<InvokeReply>>;
  stopRuntimeSession(
    request: { agentRuntimeArn: string; qualifier: string; runtimeSessionId: string; clientToken: string },
    options?: CallOptions,
  ): Promise<CallOutcome<{ runtimeSessionId?: string; statusCode?: number }>>;
}
