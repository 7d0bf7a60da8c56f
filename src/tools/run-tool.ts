import * as z from "zod";
import type { CallToolResult } from "@modelcontextprotocol/server";
import { dropNullMembers, listArgumentProblems } from "../agentcore/argument-errors.js";
import { MAP_MEMBERS } from "../agentcore/schemas.js";
import type { CallContext, CallIdentity } from "../call-context.js";
import { invalidArgumentsResult } from "./results.js";
import type { ToolDefinition } from "./tool.js";

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
 * Checks a call's arguments against the tool's schema and runs it. Invalid arguments come back as
 * one result naming every field, with nothing sent; JSON nulls count as absent members, as in restJson1.
 */
export async function runTool(tool: ToolDefinition, rawArguments: unknown, call: CallContext): Promise<CallToolResult> {
  const parsed = tool.inputSchema.safeParse(dropNullMembers(rawArguments ?? {}, MAP_MEMBERS));
  if (!parsed.success) {
    const members = tool.inputSchema instanceof z.ZodObject ? Object.keys(tool.inputSchema.shape) : [];
    return invalidArgumentsResult(listArgumentProblems(parsed.error, members, tool.inputSchema), identityOfRaw(rawArguments), tool.name);
  }
  return tool.handler(parsed.data, call);
}
