import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { RegionArgumentSchema } from "./arguments.js";
import { RESULT_SHAPE, type ResultContext, explainStop, failureResult, successResult, toIsoString } from "./results.js";
import { type RuntimeSummary, MAX_LOOKUP_PAGES } from "./lookup.js";
import { defineTool, type ToolDefinition } from "./tool.js";

/** The tool's input: the API's paging members plus a name filter and the region. */
export const ListAgentRuntimesInputSchema = z.strictObject({
  maxResults: z.number().int().min(1).max(100).optional().describe("Runtimes per page, 1-100 (default 20)."),
  nextToken: z.string().min(1).max(2048).optional().describe("Where to go on: the nextToken an earlier call of this tool returned."),
  nameContains: z
    .string()
    .min(1)
    .max(48)
    .optional()
    .describe(`Tool option: keep only runtimes whose name contains this text (case-insensitive); reads up to ${MAX_LOOKUP_PAGES} pages to fill one.`),
  region: RegionArgumentSchema.optional(),
});

/** One runtime in a list result. */
export const RuntimeSummarySchema = z.object({
  agentRuntimeName: z.string().describe("Name."),
  agentRuntimeId: z.string().describe("Id, for the other tools."),
  agentRuntimeArn: z.string().describe("ARN."),
  status: z.string().describe("Status (READY, CREATING, ...)."),
  agentRuntimeVersion: z.string().describe("Latest version."),
  lastUpdatedAt: z.string().describe("Last change, ISO-8601."),
});

/** The tool's structured result. */
export const ListAgentRuntimesOutputSchema = z.object({
  ...RESULT_SHAPE,
  agentRuntimes: z.array(RuntimeSummarySchema).optional().describe("The runtimes of this page."),
  nextToken: z.string().optional().describe("Pass it back as nextToken for the next page; absent on the last page."),
  pagesRead: z.number().int().optional().describe("ListAgentRuntimes pages read for this result."),
});

type ListOutput = z.infer<typeof ListAgentRuntimesOutputSchema>;

/** A summary as the list tools show it: the fields people ask for, timestamps as ISO-8601. */
export function summaryOf(runtime: RuntimeSummary): z.infer<typeof RuntimeSummarySchema> {
  return {
    agentRuntimeName: runtime.agentRuntimeName,
    agentRuntimeId: runtime.agentRuntimeId,
    agentRuntimeArn: runtime.agentRuntimeArn,
    status: runtime.status,
    agentRuntimeVersion: runtime.agentRuntimeVersion,
    lastUpdatedAt: toIsoString(runtime.lastUpdatedAt),
  };
}

/** One line a runtime, for the text of a list result. */
export function summaryLine(runtime: z.infer<typeof RuntimeSummarySchema>): string {
  return `- ${runtime.agentRuntimeName} · ${runtime.agentRuntimeId} · v${runtime.agentRuntimeVersion} · ${runtime.status} · updated ${runtime.lastUpdatedAt}`;
}

/** Builds the read-only `list_agent_runtimes` tool. */
export function listAgentRuntimesTool(deps: { controlPlane: ControlPlane; sandbox: boolean }): ToolDefinition {
  return defineTool({
    name: "list_agent_runtimes",
    title: "List AgentCore Runtimes",
    description:
      "Lists the AgentCore Runtimes of the account in one region (ListAgentRuntimes), a page at a time: name, id, ARN, status, latest version and last change. Pass nextToken from the result for the next page; nameContains filters by name. Read-only.",
    inputSchema: ListAgentRuntimesInputSchema,
    outputSchema: ListAgentRuntimesOutputSchema,
    annotations: { title: "List AgentCore Runtimes", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async handler(args, call): Promise<CallToolResult> {
      if (args.region !== undefined) call.remember({ region: args.region });
      const context = (): ResultContext => ({ operation: "list", sandbox: deps.sandbox, identity: call.identity });
      const connection = await deps.controlPlane.connect(args.region);
      if (!connection.ok) return failureResult(connection.failure, context());
      const { client, region } = connection.value;
      call.remember({ region });
      const filter = args.nameContains?.toLowerCase();
      const pageSize = args.maxResults ?? 20;
      const found: ListOutput["agentRuntimes"] & object = [];
      let nextToken = args.nextToken;
      let pagesRead = 0;
      let requestId: string | undefined;
      // Without a filter one page is the answer; with one, read on until the page is full or the bound is reached.
      do {
        const outcome = await client.listAgentRuntimes(
          { maxResults: filter === undefined ? pageSize : 100, ...(nextToken === undefined ? {} : { nextToken }) },
          { signal: call.signal },
        );
        if (!outcome.ok) return failureResult(explainStop(outcome.failure, call), context());
        pagesRead += 1;
        requestId = outcome.requestId;
        nextToken = outcome.value.nextToken;
        for (const runtime of outcome.value.agentRuntimes) {
          if (filter === undefined || runtime.agentRuntimeName.toLowerCase().includes(filter)) found.push(summaryOf(runtime));
        }
      } while (filter !== undefined && nextToken !== undefined && found.length < pageSize && pagesRead < MAX_LOOKUP_PAGES);

      const structured: ListOutput = {
        region,
        sandbox: deps.sandbox,
        agentRuntimes: found,
        pagesRead,
        ...(nextToken === undefined ? {} : { nextToken }),
        ...(requestId === undefined ? {} : { requestId }),
        nextStep:
          nextToken === undefined
            ? found.length === 0
              ? "No runtimes here: create one with create_agent_runtime, or pass another region."
              : "Pass an agentRuntimeId to get_agent_runtime for its details, or to list_agent_runtime_versions for its versions."
            : "More runtimes exist: call list_agent_runtimes again with this nextToken.",
      };
      const lines = [
        `${deps.sandbox ? "[SANDBOX] " : ""}${found.length} runtime${found.length === 1 ? "" : "s"} in ${region}${filter === undefined ? "" : ` with "${args.nameContains ?? ""}" in the name`} (${pagesRead} page${pagesRead === 1 ? "" : "s"} read):`,
        ...found.map(summaryLine),
        ...(nextToken === undefined ? [] : [`nextToken: ${nextToken}`]),
        structured.nextStep,
      ];
      return successResult(lines.join("\n"), structured);
    },
  });
}
