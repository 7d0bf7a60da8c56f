import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/server";
import type { z } from "zod";
import type { CallContext } from "../call-context.js";
import type { ToolGroup } from "../config.js";
import type { ToolOperation } from "./remedies.js";
import type { ToolCall } from "./steps.js";

/**
 * What a tool does to the world, from which its MCP annotations follow: a read changes nothing; a
 * create makes a resource (once per clientToken); a change alters one; a destroy removes one.
 */
export type ToolKind = "read" | "create" | "change" | "destroy";

/** Settings a tool's schemas depend on (the cap of every wait). */
export interface ToolLimits {
  maxWaitSeconds: number;
}

/**
 * A tool as data: its names, group, kind, schemas and the steps it runs. The pipeline
 * (pipeline.ts) checks the arguments, hands `run` a {@link ToolCall} with the call's context and
 * the shared steps, and turns a {@link ToolFailure} thrown anywhere in them into the failure result.
 */
export interface ToolSpec<Input = unknown, Output = unknown> {
  name: string;
  title: string;
  /** What tools/list says; a function where the words differ between the sandbox and AWS. */
  description: string | ((mode: { sandbox: boolean }) => string);
  /** The operator's unit of choice (`--tools`): the tool is offered when its group is. */
  group: ToolGroup;
  kind: ToolKind;
  /** How remedies name what failed. */
  operation: ToolOperation;
  /**
   * Whether repeating the call acts only once; true unless said otherwise (a read, or a create,
   * change or destroy under the same clientToken).
   */
  idempotent?: boolean;
  input: z.ZodType<Input> | ((limits: ToolLimits) => z.ZodType<Input>);
  /**
   * What tools/list shows instead of `input`, when the full schema would repeat another tool's;
   * arguments are still checked against `input`, so nothing is validated less.
   */
  advertisedInput?: (limits: ToolLimits) => z.ZodType;
  output: z.ZodType<Output>;
  /** The tool's steps, run with arguments already checked against `input`. */
  run(args: Input, tool: ToolCall): Promise<CallToolResult>;
}

/** Erases a spec's types so tools of different shapes can share one list. */
export function defineTool<Input, Output>(spec: ToolSpec<Input, Output>): ToolSpec {
  return spec as unknown as ToolSpec;
}

/** The annotations a kind implies; every tool reaches outside this process (AWS or the sandbox). */
export function annotationsOf(spec: Pick<ToolSpec, "title" | "kind" | "idempotent">): ToolAnnotations {
  return {
    title: spec.title,
    readOnlyHint: spec.kind === "read",
    destructiveHint: spec.kind === "destroy",
    idempotentHint: spec.idempotent ?? true,
    openWorldHint: true,
  };
}

/** A tool bound to its dependencies: what the server lists and calls. */
export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodType;
  advertisedInputSchema?: z.ZodType;
  outputSchema: z.ZodType;
  annotations: ToolAnnotations;
  /**
   * Receives the raw arguments and the call's context: its one signal, deadline, identity and
   * progress. It never builds a signal, deadline or token of its own.
   */
  handler: (rawArguments: unknown, call: CallContext) => Promise<CallToolResult>;
}
