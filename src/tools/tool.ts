import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { CallContext } from "../call-context.js";

/** A tool as data: its schemas, its truthful annotations and its handler. */
export interface ToolDefinition<Input = unknown, Output = unknown> {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  /**
   * What tools/list shows instead of `inputSchema`, when the full schema would repeat another
   * tool's; arguments are still checked against `inputSchema`, so nothing is validated less.
   */
  advertisedInputSchema?: z.ZodType;
  outputSchema: z.ZodType<Output>;
  annotations: ToolAnnotations;
  /**
   * Receives arguments already checked against `inputSchema`, and the call's context: its one
   * signal, deadline, identity and progress. A handler never builds a signal, deadline or token of its own.
   */
  handler: (args: Input, call: CallContext) => Promise<CallToolResult>;
}

/** Erases a definition's types so tools of different shapes can share one list. */
export function defineTool<Input, Output>(tool: ToolDefinition<Input, Output>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}
