import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";

/** What a tool handler may use of the MCP request it serves. */
export interface ToolContext {
  /** Aborted when the client cancels the request or the transport closes. */
  signal: AbortSignal;
  /** Sends `notifications/progress` when the client asked for progress; a no-op otherwise. */
  progress: (progress: number, message?: string) => Promise<void>;
  /**
   * Asks the person through MCP elicitation to approve an action described in `message`.
   * "unsupported" when the client cannot elicit.
   */
  confirm: (message: string) => Promise<"accepted" | "declined" | "cancelled" | "unsupported">;
}

/** A tool as data: its schemas, its truthful annotations and its handler. */
export interface ToolDefinition<Input = unknown, Output = unknown> {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  outputSchema: z.ZodType<Output>;
  annotations: ToolAnnotations;
  /** Receives arguments already checked against `inputSchema`. */
  handler: (args: Input, context: ToolContext) => Promise<CallToolResult>;
}

/** Erases a definition's types so tools of different shapes can share one list. */
export function defineTool<Input, Output>(tool: ToolDefinition<Input, Output>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}
