import { z } from "zod";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { AgentRuntimeStatusSchema, CreateAgentRuntimeRequestSchema } from "../agentcore/schemas.js";
import type { Logger } from "../log.js";
import { failureResult, successResult } from "./results.js";
import { defineTool, type ToolDefinition } from "./tool.js";

/** The tool's input: exactly the API's members. */
export const CreateAgentRuntimeInputSchema = CreateAgentRuntimeRequestSchema;

/** The tool's structured result. */
export const CreateAgentRuntimeOutputSchema = z.object({
  agentRuntimeArn: z.string().describe("ARN of the new runtime; use it to invoke the agent and in IAM policies."),
  agentRuntimeId: z.string().describe("Runtime id (name plus a 10-character suffix); pass it to get_agent_runtime."),
  agentRuntimeVersion: z.string().describe("Version created by this call; a new runtime starts at 1."),
  createdAt: z.string().describe("When the service accepted the runtime, ISO-8601 UTC."),
  status: AgentRuntimeStatusSchema,
  workloadIdentityDetails: z
    .object({ workloadIdentityArn: z.string().describe("ARN of the workload identity the service created for the runtime.") })
    .optional()
    .describe("The identity the runtime acts as when it calls other services through AgentCore Identity."),
  clientToken: z.string().describe("Idempotency key used for this call; repeat the call with it to get the same runtime back."),
  region: z.string().describe("AWS region the runtime was created in."),
  requestId: z.string().optional().describe("AWS request id of the successful attempt, for support cases."),
  sandbox: z.boolean().describe("True when the answer came from the local emulator: nothing exists in AWS."),
});

/** Dependencies of the tool, injected by the server factory. */
export interface CreateAgentRuntimeDeps {
  controlPlane: ControlPlane;
  sandbox: boolean;
  newClientToken: () => string;
  log: Logger;
}

function toIsoString(value: string | number): string {
  // restJson1 timestamps are ISO strings; some services send epoch seconds instead.
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/** Builds the `create_agent_runtime` tool. */
export function createAgentRuntimeTool(deps: CreateAgentRuntimeDeps): ToolDefinition {
  return defineTool({
    name: "create_agent_runtime",
    title: "Create AgentCore Runtime",
    description: [
      "Creates an Amazon Bedrock AgentCore Runtime (CreateAgentRuntime): a managed, session-isolated host for an agent or MCP server packaged as an ECR container image or a zip of code in S3.",
      "Arguments are the API's own members. Required: agentRuntimeName, agentRuntimeArtifact (exactly one of containerConfiguration or codeConfiguration) and roleArn.",
      "Creates a billable AWS resource. The runtime starts in status CREATING and becomes READY within minutes.",
      "Idempotent per clientToken: repeating a call with the same clientToken returns the same runtime instead of a second one; a token is generated when omitted and returned.",
    ].join(" "),
    inputSchema: CreateAgentRuntimeInputSchema,
    outputSchema: CreateAgentRuntimeOutputSchema,
    annotations: {
      title: "Create AgentCore Runtime",
      readOnlyHint: false,
      destructiveHint: false,
      // Only in the clientToken sense: the same token returns the same runtime.
      idempotentHint: true,
      openWorldHint: true,
    },
    async handler(args, context) {
      const connection = await deps.controlPlane.connect();
      if (!connection.ok) return failureResult(connection.failure, deps);
      const { client, region } = connection.value;
      const clientToken = args.clientToken ?? deps.newClientToken();
      deps.log.info("creating agent runtime", { name: args.agentRuntimeName, region, sandbox: deps.sandbox });
      const outcome = await client.createAgentRuntime({ ...args, clientToken }, { signal: context.signal });
      if (!outcome.ok) {
        deps.log.warn("create agent runtime failed", { code: outcome.failure.code, attempts: outcome.failure.attempts });
        return failureResult(outcome.failure, deps);
      }
      const created = outcome.value;
      const structured: z.infer<typeof CreateAgentRuntimeOutputSchema> = {
        agentRuntimeArn: created.agentRuntimeArn,
        agentRuntimeId: created.agentRuntimeId,
        agentRuntimeVersion: created.agentRuntimeVersion,
        createdAt: toIsoString(created.createdAt),
        status: created.status,
        ...(created.workloadIdentityDetails ? { workloadIdentityDetails: created.workloadIdentityDetails } : {}),
        clientToken,
        region,
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
        sandbox: deps.sandbox,
      };
      const summary = [
        `${deps.sandbox ? "[SANDBOX] " : ""}Created AgentCore Runtime ${structured.agentRuntimeId} (version ${structured.agentRuntimeVersion}) in ${region}: status ${structured.status}.`,
        `ARN: ${structured.agentRuntimeArn}`,
        `clientToken: ${clientToken} (repeat the call with it to get this runtime back, never a second one)`,
        structured.status === "CREATING" ? "It becomes usable when its status is READY, usually within minutes." : undefined,
        deps.sandbox ? "Sandbox mode: this runtime exists only in the local emulator, not in AWS." : undefined,
      ].filter((line) => line !== undefined);
      return successResult(summary.join("\n"), structured);
    },
  });
}
