import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { AgentRuntimeStatusResultSchema, type GetAgentRuntimeResponse } from "../agentcore/schemas.js";
import { redactSensitive } from "../agentcore/sensitive.js";
import { RegionArgumentSchema } from "./arguments.js";
import { RuntimeRefArgumentSchema } from "./lookup.js";
import { noteRuntimeRef, reachRuntime } from "./runtime-target.js";
import { RESULT_SHAPE, type ResultContext, explainStop, failureResult, successResult, toIsoString } from "./results.js";
import { defineTool, type ToolDefinition } from "./tool.js";

// Models send versions as JSON numbers and as "v2" about as often as the string "2".
const VERSION_MESSAGE = 'must be a version number written as a string, e.g. "1" or "2" (list_agent_runtime_versions lists them)';

/** The tool's input. */
export const GetAgentRuntimeInputSchema = z.strictObject({
  agentRuntimeId: RuntimeRefArgumentSchema,
  agentRuntimeVersion: z
    .string({ error: VERSION_MESSAGE })
    .regex(/^[1-9][0-9]{0,4}$/, { error: VERSION_MESSAGE })
    .optional()
    .describe("A specific version (1, 2, ...); omit for the latest."),
  region: RegionArgumentSchema.optional(),
});

/** The tool's structured result. */
export const GetAgentRuntimeOutputSchema = z.object({
  ...RESULT_SHAPE,
  status: AgentRuntimeStatusResultSchema.optional(),
  failureReason: z.string().optional().describe("Why it failed (*_FAILED)."),
  createdAt: z.string().optional().describe("ISO-8601."),
  lastUpdatedAt: z.string().optional().describe("ISO-8601."),
  roleArn: z.string().optional().describe("Execution role."),
  configuration: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("The rest of the configuration as GetAgentRuntime returns it (artifact, network, protocol, lifecycle, authorizer, ...); sensitive values redacted."),
  workloadIdentityArn: z.string().optional().describe("Workload identity ARN."),
});

type GetOutput = z.infer<typeof GetAgentRuntimeOutputSchema>;

// Members the result already shows at its top level (under these names) stay out of `configuration`.
const SHOWN_AT_TOP: ReadonlySet<string> = new Set(Object.keys(GetAgentRuntimeOutputSchema.shape));

/**
 * Every other member of the answer, walked against the model's outline so each member the model
 * marks sensitive (environment values, description) is redacted: the tool names no member itself.
 */
function configurationOf(runtime: GetAgentRuntimeResponse): Record<string, unknown> {
  const redacted = redactSensitive("GetAgentRuntimeResponse", runtime) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(redacted).filter(([member, value]) => !SHOWN_AT_TOP.has(member) && value !== undefined));
}

/** One phrase for what the runtime runs, for the text summary. */
function artifactOf(runtime: GetAgentRuntimeResponse): string | undefined {
  const artifact = runtime.agentRuntimeArtifact;
  if (artifact?.containerConfiguration) return `container image ${artifact.containerConfiguration.containerUri}`;
  if (artifact?.codeConfiguration) return `${artifact.codeConfiguration.runtime} code, entry point ${artifact.codeConfiguration.entryPoint.join(" ")}`;
  return undefined;
}

/** Builds the read-only `get_agent_runtime` tool. */
export function getAgentRuntimeTool(deps: { controlPlane: ControlPlane; sandbox: boolean }): ToolDefinition {
  return defineTool({
    name: "get_agent_runtime",
    title: "Get AgentCore Runtime",
    description:
      "Reads an Amazon Bedrock AgentCore Runtime (GetAgentRuntime): its status (CREATING, READY, CREATE_FAILED, ...), the failure reason if any, its identifiers and a summary of its configuration. Accepts the runtime's id, ARN or exact name. Use it after create_agent_runtime to learn when the runtime is READY. Read-only.",
    inputSchema: GetAgentRuntimeInputSchema,
    outputSchema: GetAgentRuntimeOutputSchema,
    annotations: { title: "Get AgentCore Runtime", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async handler(args, call): Promise<CallToolResult> {
      const noted = noteRuntimeRef(args.agentRuntimeId, args.region, call);
      const context = (): ResultContext => ({
        operation: "get",
        sandbox: deps.sandbox,
        identity: call.identity,
        facts: args.agentRuntimeVersion === undefined ? {} : { version: args.agentRuntimeVersion },
      });
      if (!noted.ok) return failureResult(noted.failure, context());
      const target = await reachRuntime(deps.controlPlane, noted, call);
      if (!target.ok) return failureResult(target.failure, context());
      const { client, region, agentRuntimeId } = target;
      const outcome = await client.getAgentRuntime(agentRuntimeId, args.agentRuntimeVersion, { signal: call.signal });
      if (!outcome.ok) return failureResult(explainStop(outcome.failure, call), context());
      const runtime = outcome.value;
      call.remember({
        agentRuntimeArn: runtime.agentRuntimeArn,
        agentRuntimeName: runtime.agentRuntimeName,
        agentRuntimeVersion: runtime.agentRuntimeVersion,
      });
      const structured: GetOutput = {
        ...call.identity,
        status: runtime.status,
        ...(runtime.failureReason === undefined ? {} : { failureReason: runtime.failureReason }),
        createdAt: toIsoString(runtime.createdAt),
        lastUpdatedAt: toIsoString(runtime.lastUpdatedAt),
        roleArn: runtime.roleArn,
        configuration: configurationOf(runtime),
        ...(runtime.workloadIdentityDetails ? { workloadIdentityArn: runtime.workloadIdentityDetails.workloadIdentityArn } : {}),
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
        sandbox: deps.sandbox,
      };
      const runs = artifactOf(runtime);
      const lines = [
        `${deps.sandbox ? "[SANDBOX] " : ""}AgentCore Runtime ${runtime.agentRuntimeId} (version ${runtime.agentRuntimeVersion}) in ${region}: status ${runtime.status}.`,
        runtime.failureReason === undefined ? undefined : `Failure reason: ${runtime.failureReason}`,
        `ARN: ${runtime.agentRuntimeArn}`,
        runs === undefined ? undefined : `Runs ${runs}.`,
        runtime.status === "CREATING" || runtime.status === "UPDATING" ? "Not ready yet: check again in a little while." : undefined,
      ].filter((line) => line !== undefined);
      return successResult(lines.join("\n"), structured);
    },
  });
}
