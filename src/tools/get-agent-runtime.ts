import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { AGENT_RUNTIME_ID_PATTERN, AgentRuntimeStatusSchema, type GetAgentRuntimeResponse } from "../agentcore/schemas.js";
import { RegionArgumentSchema } from "./arguments.js";
import { RESULT_SHAPE, type ResultContext, explainStop, failureResult, localFailure, successResult, toIsoString } from "./results.js";
import { defineTool, type ToolDefinition } from "./tool.js";

const ARN_PATTERN = `arn:aws(?:-[^:]+)?:bedrock-agentcore:([a-z0-9-]+):[0-9]{12}:runtime/(${AGENT_RUNTIME_ID_PATTERN})`;

/** The tool's input. */
export const GetAgentRuntimeInputSchema = z.strictObject({
  agentRuntimeId: z
    .string()
    .regex(new RegExp(`^(?:${AGENT_RUNTIME_ID_PATTERN}|${ARN_PATTERN})$`))
    .describe("The runtime's id (e.g. my_agent-AbCdE12345, as create_agent_runtime returned) or its full ARN; an ARN also sets the region."),
  agentRuntimeVersion: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/)
    .optional()
    .describe("A specific version (1, 2, ...); omit for the latest."),
  region: RegionArgumentSchema.optional(),
});

/** The tool's structured result. */
export const GetAgentRuntimeOutputSchema = z.object({
  ...RESULT_SHAPE,
  status: AgentRuntimeStatusSchema.optional(),
  failureReason: z.string().optional().describe("Why it failed (*_FAILED)."),
  createdAt: z.string().optional().describe("ISO-8601."),
  lastUpdatedAt: z.string().optional().describe("ISO-8601."),
  roleArn: z.string().optional().describe("Execution role."),
  configuration: z
    .object({
      artifact: z.string().optional().describe("Image, or code runtime and entry point."),
      networkMode: z.string().optional().describe("PUBLIC or VPC."),
      serverProtocol: z.string().optional().describe("MCP, HTTP, A2A or AGUI."),
      idleRuntimeSessionTimeout: z.number().optional().describe("Seconds."),
      maxLifetime: z.number().optional().describe("Seconds."),
      environmentVariableNames: z.array(z.string()).optional().describe("Variable names; values never shown."),
    })
    .optional()
    .describe("Configuration summary."),
  workloadIdentityArn: z.string().optional().describe("Workload identity ARN."),
});

type GetOutput = z.infer<typeof GetAgentRuntimeOutputSchema>;

function summarize(runtime: GetAgentRuntimeResponse): NonNullable<GetOutput["configuration"]> {
  const artifact = runtime.agentRuntimeArtifact;
  const described = artifact?.containerConfiguration
    ? `container image ${artifact.containerConfiguration.containerUri}`
    : artifact?.codeConfiguration
      ? `${artifact.codeConfiguration.runtime} code, entry point ${artifact.codeConfiguration.entryPoint.join(" ")}`
      : undefined;
  return {
    ...(described === undefined ? {} : { artifact: described }),
    ...(runtime.networkConfiguration ? { networkMode: runtime.networkConfiguration.networkMode } : {}),
    ...(runtime.protocolConfiguration ? { serverProtocol: runtime.protocolConfiguration.serverProtocol } : {}),
    ...(runtime.lifecycleConfiguration?.idleRuntimeSessionTimeout === undefined
      ? {}
      : { idleRuntimeSessionTimeout: runtime.lifecycleConfiguration.idleRuntimeSessionTimeout }),
    ...(runtime.lifecycleConfiguration?.maxLifetime === undefined ? {} : { maxLifetime: runtime.lifecycleConfiguration.maxLifetime }),
    ...(runtime.environmentVariables ? { environmentVariableNames: Object.keys(runtime.environmentVariables) } : {}),
  };
}

/** Builds the read-only `get_agent_runtime` tool. */
export function getAgentRuntimeTool(deps: { controlPlane: ControlPlane; sandbox: boolean }): ToolDefinition {
  return defineTool({
    name: "get_agent_runtime",
    title: "Get AgentCore Runtime",
    description:
      "Reads an Amazon Bedrock AgentCore Runtime (GetAgentRuntime): its status (CREATING, READY, CREATE_FAILED, ...), the failure reason if any, its identifiers and a summary of its configuration. Use it after create_agent_runtime to learn when the runtime is READY. Read-only.",
    inputSchema: GetAgentRuntimeInputSchema,
    outputSchema: GetAgentRuntimeOutputSchema,
    annotations: { title: "Get AgentCore Runtime", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async handler(args, call): Promise<CallToolResult> {
      const fromArn = new RegExp(`^${ARN_PATTERN}$`).exec(args.agentRuntimeId);
      const agentRuntimeId = fromArn?.[2] ?? args.agentRuntimeId;
      if (fromArn?.[1] !== undefined && args.region !== undefined && args.region !== fromArn[1]) {
        return failureResult(
          localFailure("RegionMismatch", `the ARN names region ${fromArn[1]}, but the region argument says ${args.region}`),
          { operation: "get", sandbox: deps.sandbox, identity: { agentRuntimeId } },
        );
      }
      const regionOverride = args.region ?? fromArn?.[1];
      call.remember({ agentRuntimeId, ...(regionOverride === undefined ? {} : { region: regionOverride }) });
      const context = (): ResultContext => ({
        operation: "get",
        sandbox: deps.sandbox,
        identity: call.identity,
        facts: args.agentRuntimeVersion === undefined ? {} : { version: args.agentRuntimeVersion },
      });
      const connection = await deps.controlPlane.connect(regionOverride);
      if (!connection.ok) return failureResult(connection.failure, context());
      const { client, region } = connection.value;
      call.remember({ region });
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
        configuration: summarize(runtime),
        ...(runtime.workloadIdentityDetails ? { workloadIdentityArn: runtime.workloadIdentityDetails.workloadIdentityArn } : {}),
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
        sandbox: deps.sandbox,
      };
      const lines = [
        `${deps.sandbox ? "[SANDBOX] " : ""}AgentCore Runtime ${runtime.agentRuntimeId} (version ${runtime.agentRuntimeVersion}) in ${region}: status ${runtime.status}.`,
        runtime.failureReason === undefined ? undefined : `Failure reason: ${runtime.failureReason}`,
        `ARN: ${runtime.agentRuntimeArn}`,
        structured.configuration?.artifact === undefined ? undefined : `Runs ${structured.configuration.artifact}.`,
        runtime.status === "CREATING" || runtime.status === "UPDATING" ? "Not ready yet: check again in a little while." : undefined,
      ].filter((line) => line !== undefined);
      return successResult(lines.join("\n"), structured);
    },
  });
}
