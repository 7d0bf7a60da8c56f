import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { RegionArgumentSchema } from "./arguments.js";
import { ListAgentRuntimesInputSchema, RuntimeSummarySchema, summaryLine, summaryOf } from "./list-agent-runtimes.js";
import { RuntimeRefArgumentSchema } from "./lookup.js";
import { noteRuntimeRef, reachRuntime } from "./runtime-target.js";
import { RESULT_SHAPE, type ResultContext, explainStop, failureResult, successResult } from "./results.js";
import { defineTool, type ToolDefinition } from "./tool.js";

/** The tool's input: which runtime, and the API's paging members. */
export const ListAgentRuntimeVersionsInputSchema = z.strictObject({
  agentRuntimeId: RuntimeRefArgumentSchema,
  maxResults: ListAgentRuntimesInputSchema.shape.maxResults,
  nextToken: ListAgentRuntimesInputSchema.shape.nextToken,
  region: RegionArgumentSchema.optional(),
});

/** The tool's structured result. */
export const ListAgentRuntimeVersionsOutputSchema = z.object({
  ...RESULT_SHAPE,
  versions: z.array(RuntimeSummarySchema).optional().describe("The versions of this page, newest first."),
  nextToken: z.string().optional().describe("Pass it back as nextToken for the next page; absent on the last page."),
});

type VersionsOutput = z.infer<typeof ListAgentRuntimeVersionsOutputSchema>;

/** Builds the read-only `list_agent_runtime_versions` tool. */
export function listAgentRuntimeVersionsTool(deps: { controlPlane: ControlPlane; sandbox: boolean }): ToolDefinition {
  return defineTool({
    name: "list_agent_runtime_versions",
    title: "List AgentCore Runtime versions",
    description:
      "Lists the versions of one AgentCore Runtime (ListAgentRuntimeVersions): every update of the runtime makes a new version. Accepts the runtime's id, ARN or exact name. Read-only.",
    inputSchema: ListAgentRuntimeVersionsInputSchema,
    outputSchema: ListAgentRuntimeVersionsOutputSchema,
    annotations: { title: "List AgentCore Runtime versions", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async handler(args, call): Promise<CallToolResult> {
      const noted = noteRuntimeRef(args.agentRuntimeId, args.region, call);
      const context = (): ResultContext => ({ operation: "listVersions", sandbox: deps.sandbox, identity: call.identity });
      if (!noted.ok) return failureResult(noted.failure, context());
      const target = await reachRuntime(deps.controlPlane, noted, call);
      if (!target.ok) return failureResult(target.failure, context());
      const { client, region } = target;
      const outcome = await client.listAgentRuntimeVersions(
        {
          agentRuntimeId: target.agentRuntimeId, ...(args.maxResults === undefined ? {} : { maxResults: args.maxResults }), ...(args.nextToken === undefined ? {} : { nextToken: args.nextToken }) },
        { signal: call.signal },
      );
      if (!outcome.ok) return failureResult(explainStop(outcome.failure, call), context());
      const versions = outcome.value.agentRuntimes.map(summaryOf);
      const latest = versions[0];
      if (latest) call.remember({ agentRuntimeArn: latest.agentRuntimeArn, agentRuntimeName: latest.agentRuntimeName });
      const structured: VersionsOutput = {
        ...call.identity,
        sandbox: deps.sandbox,
        versions,
        ...(outcome.value.nextToken === undefined ? {} : { nextToken: outcome.value.nextToken }),
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
        nextStep:
          outcome.value.nextToken === undefined
            ? "Pass agentRuntimeVersion to get_agent_runtime to read one version's configuration."
            : "More versions exist: call list_agent_runtime_versions again with this nextToken.",
      };
      const lines = [
        `${deps.sandbox ? "[SANDBOX] " : ""}${versions.length} version${versions.length === 1 ? "" : "s"} of ${target.agentRuntimeId} in ${region}:`,
        ...versions.map(summaryLine),
        ...(outcome.value.nextToken === undefined ? [] : [`nextToken: ${outcome.value.nextToken}`]),
        structured.nextStep,
      ];
      return successResult(lines.join("\n"), structured);
    },
  });
}
