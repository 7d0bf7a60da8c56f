// How the list tools show a runtime or a version: the same fields and the same line for both.
import * as z from "zod";
import type { ListAgentRuntimesResponse } from "../agentcore/schemas.js";

/** One runtime as ListAgentRuntimes (and ListAgentRuntimeVersions) summarises it. */
export type RuntimeSummary = ListAgentRuntimesResponse["agentRuntimes"][number];

/** One runtime in a list result. */
export const RuntimeSummarySchema = z.object({
  agentRuntimeName: z.string().describe("Name."),
  agentRuntimeId: z.string().describe("Id, for the other tools."),
  agentRuntimeArn: z.string().describe("ARN."),
  status: z.string().describe("Status (READY, CREATING, ...)."),
  agentRuntimeVersion: z.string().describe("Latest version."),
  lastUpdatedAt: z.string().describe("Last change, ISO-8601."),
});

/** The token of the next page, in the words of a list result. */
export const NextTokenResultSchema = z
  .string()
  .optional()
  .describe("Pass it back as nextToken for the next page; absent on the last page.");

/** A summary as the list tools show it: the fields people ask for. */
export function summaryOf(runtime: RuntimeSummary): z.infer<typeof RuntimeSummarySchema> {
  return {
    agentRuntimeName: runtime.agentRuntimeName,
    agentRuntimeId: runtime.agentRuntimeId,
    agentRuntimeArn: runtime.agentRuntimeArn,
    status: runtime.status,
    agentRuntimeVersion: runtime.agentRuntimeVersion,
    lastUpdatedAt: runtime.lastUpdatedAt,
  };
}

/** One line a runtime, for the text of a list result. */
export function summaryLine(runtime: z.infer<typeof RuntimeSummarySchema>): string {
  return `- ${runtime.agentRuntimeName} · ${runtime.agentRuntimeId} · v${runtime.agentRuntimeVersion} · ${runtime.status} · updated ${runtime.lastUpdatedAt}`;
}

/** "1 runtime", "2 versions". */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
