import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import * as z from "zod";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { AGENT_RUNTIME_ID_PATTERN, AgentRuntimeStatusSchema, type GetAgentRuntimeResponse } from "../agentcore/schemas.js";
import { RegionArgumentSchema } from "./arguments.js";
import { failureResult, successResult, toIsoString } from "./results.js";
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
  agentRuntimeArn: z.string().describe("ARN."),
  agentRuntimeId: z.string().describe("Id."),
  agentRuntimeName: z.string().describe("Name."),
  agentRuntimeVersion: z.string().describe("Version."),
  status: AgentRuntimeStatusSchema,
  failureReason: z.string().optional().describe("Why it failed (*_FAILED)."),
  createdAt: z.string().describe("ISO-8601."),
  lastUpdatedAt: z.string().describe("ISO-8601."),
  roleArn: z.string().describe("Execution role."),
  configuration: z
    .object({
      artifact: z.string().optional().describe("Image, or code runtime and entry point."),
      networkMode: z.string().optional().describe("PUBLIC or VPC."),
      serverProtocol: z.string().optional().describe("MCP, HTTP, A2A or AGUI."),
      idleRuntimeSessionTimeout: z.number().optional().describe("Seconds."),
      maxLifetime: z.number().optional().describe("Seconds."),
      environmentVariableNames: z.array(z.string()).optional().describe("Variable names; values never shown."),
    })
    .describe("Configuration summary."),
  workloadIdentityArn: z.string().optional().describe("Workload identity ARN."),
  region: z.string().describe("AWS region."),
  requestId: z.string().optional().describe("AWS request id."),
  sandbox: z.boolean().describe("True when answered by the local emulator, not AWS."),
});

type GetOutput = z.infer<typeof GetAgentRuntimeOutputSchema>;

function summarize(runtime: GetAgentRuntimeResponse): GetOutput["configuration"] {
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
  const context = { sandbox: deps.sandbox };
  return defineTool({
    name: "get_agent_runtime",
    title: "Get AgentCore Runtime",
    description:
      "Reads an Amazon Bedrock AgentCore Runtime (GetAgentRuntime): its status (CREATING, READY, CREATE_FAILED, ...), the failure reason if any, its identifiers and a summary of its configuration. Use it after create_agent_runtime to learn when the runtime is READY. Read-only.",
    inputSchema: GetAgentRuntimeInputSchema,
    outputSchema: GetAgentRuntimeOutputSchema,
    annotations: { title: "Get AgentCore Runtime", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async handler(args): Promise<CallToolResult> {
      const fromArn = new RegExp(`^${ARN_PATTERN}$`).exec(args.agentRuntimeId);
      const agentRuntimeId = fromArn?.[2] ?? args.agentRuntimeId;
      const connection = await deps.controlPlane.connect(args.region ?? fromArn?.[1]);
      if (!connection.ok) return failureResult(connection.failure, context);
      const { client, region } = connection.value;
      const outcome = await client.getAgentRuntime(agentRuntimeId, args.agentRuntimeVersion);
      if (!outcome.ok) return failureResult(outcome.failure, context);
      const runtime = outcome.value;
      const structured: GetOutput = {
        agentRuntimeArn: runtime.agentRuntimeArn,
        agentRuntimeId: runtime.agentRuntimeId,
        agentRuntimeName: runtime.agentRuntimeName,
        agentRuntimeVersion: runtime.agentRuntimeVersion,
        status: runtime.status,
        ...(runtime.failureReason === undefined ? {} : { failureReason: runtime.failureReason }),
        createdAt: toIsoString(runtime.createdAt),
        lastUpdatedAt: toIsoString(runtime.lastUpdatedAt),
        roleArn: runtime.roleArn,
        configuration: summarize(runtime),
        ...(runtime.workloadIdentityDetails ? { workloadIdentityArn: runtime.workloadIdentityDetails.workloadIdentityArn } : {}),
        region,
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
        sandbox: deps.sandbox,
      };
      const lines = [
        `${deps.sandbox ? "[SANDBOX] " : ""}AgentCore Runtime ${runtime.agentRuntimeId} (version ${runtime.agentRuntimeVersion}) in ${region}: status ${runtime.status}.`,
        runtime.failureReason === undefined ? undefined : `Failure reason: ${runtime.failureReason}`,
        `ARN: ${runtime.agentRuntimeArn}`,
        structured.configuration.artifact === undefined ? undefined : `Runs ${structured.configuration.artifact}.`,
        runtime.status === "CREATING" || runtime.status === "UPDATING" ? "Not ready yet: check again in a little while." : undefined,
      ].filter((line) => line !== undefined);
      return successResult(lines.join("\n"), structured);
    },
  });
}
