import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import { dropNullMembers, listArgumentProblems } from "../agentcore/argument-errors.js";
import { MAP_MEMBERS } from "../agentcore/schemas.js";
import type { CallContext, CallIdentity } from "../call-context.js";
import { ToolFailure, createToolResponse, invalidArgumentsResult } from "./response.js";
import { type ToolDeps, createToolCall } from "./steps.js";
import { type ToolDefinition, type ToolLimits, type ToolSpec, annotationsOf } from "./tool.js";

/** What can be told of the call's identity from arguments that failed their check. */
function identityOfRaw(raw: unknown): CallIdentity {
  if (raw === null || typeof raw !== "object") return {};
  const { clientToken, region } = raw as Record<string, unknown>;
  return {
    ...(typeof clientToken === "string" ? { clientToken } : {}),
    ...(typeof region === "string" ? { region } : {}),
  };
}

/**
 * Runs one call of a tool: checks the arguments (invalid ones come back as one result naming
 * every field, with nothing sent; JSON nulls count as absent members, as in restJson1), runs the
 * tool's steps inside the call's context, and turns the one failure type they throw into the
 * failure result of the tool's operation.
 */
export async function runPipeline(
  spec: ToolSpec,
  inputSchema: z.ZodType,
  deps: ToolDeps,
  rawArguments: unknown,
  call: CallContext,
): Promise<CallToolResult> {
  const parsed = inputSchema.safeParse(dropNullMembers(rawArguments ?? {}, MAP_MEMBERS));
  if (!parsed.success) {
    const members = inputSchema instanceof z.ZodObject ? Object.keys(inputSchema.shape) : [];
    return invalidArgumentsResult(listArgumentProblems(parsed.error, members, inputSchema), identityOfRaw(rawArguments), spec.name);
  }
  const response = createToolResponse({ operation: spec.operation, sandbox: deps.sandbox, call });
  try {
    return await spec.run(parsed.data, createToolCall(deps, call, response));
  } catch (error) {
    if (error instanceof ToolFailure) return response.failure(error.failure, error.extra, error.details);
    throw error;
  }
}

/** Binds a tool to its dependencies: its schemas for this configuration, its annotations, its handler. */
export function bindTool(spec: ToolSpec, deps: ToolDeps): ToolDefinition {
  const limits: ToolLimits = { maxWaitSeconds: deps.maxWaitSeconds };
  const inputSchema = typeof spec.input === "function" ? spec.input(limits) : spec.input;
  return {
    name: spec.name,
    title: spec.title,
    description: typeof spec.description === "function" ? spec.description({ sandbox: deps.sandbox }) : spec.description,
    inputSchema,
    ...(spec.advertisedInput === undefined ? {} : { advertisedInputSchema: spec.advertisedInput(limits) }),
    outputSchema: spec.output,
    annotations: annotationsOf(spec),
    handler: (rawArguments, call) => runPipeline(spec, inputSchema, deps, rawArguments, call),
  };
}
