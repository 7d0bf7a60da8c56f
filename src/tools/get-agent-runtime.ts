import * as z from "zod";
import { AgentRuntimeStatusResultSchema, type GetAgentRuntimeResponse, GetAgentRuntimeRequestSchema } from "../agentcore/schemas.js";
import { redactSensitive } from "../agentcore/sensitive.js";
import { REGION_OPTION, TARGET_OPTION } from "./options.js";
import { RESULT_SHAPE } from "./response.js";
import { defineTool } from "./tool.js";

/** The tool's input: the API's members, the runtime named by id, ARN or name, and the region. */
export const GetAgentRuntimeInputSchema = GetAgentRuntimeRequestSchema.extend({ ...TARGET_OPTION, ...REGION_OPTION });

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
    .describe(
      "The rest of the configuration as GetAgentRuntime returns it (artifact, network, protocol, lifecycle, authorizer, ...); sensitive values redacted.",
    ),
  workloadIdentityArn: z.string().optional().describe("Workload identity ARN."),
});

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
  if (artifact?.codeConfiguration)
    return `${artifact.codeConfiguration.runtime} code, entry point ${artifact.codeConfiguration.entryPoint.join(" ")}`;
  return undefined;
}

/** The read-only `get_agent_runtime` tool. */
export const getAgentRuntime = defineTool({
  name: "get_agent_runtime",
  title: "Get AgentCore Runtime",
  description:
    "Reads an Amazon Bedrock AgentCore Runtime (GetAgentRuntime): its status (CREATING, READY, CREATE_FAILED, ...), the failure reason if any, its identifiers and a summary of its configuration. Accepts the runtime's id, ARN or exact name. Use it after create_agent_runtime to learn when the runtime is READY. Read-only.",
  group: "read",
  kind: "read",
  operation: "get",
  input: GetAgentRuntimeInputSchema,
  output: GetAgentRuntimeOutputSchema,
  async run(args, tool) {
    if (args.agentRuntimeVersion !== undefined) tool.response.noteFacts({ version: args.agentRuntimeVersion });
    const target = await tool.target(args.agentRuntimeId, args.region);
    const runtime = await tool.read(target, args.agentRuntimeVersion);
    const runs = artifactOf(runtime);
    return tool.response.success(
      [
        `AgentCore Runtime ${runtime.agentRuntimeId} (version ${runtime.agentRuntimeVersion}) in ${target.region}: status ${runtime.status}.`,
        runtime.failureReason === undefined ? undefined : `Failure reason: ${runtime.failureReason}`,
        `ARN: ${runtime.agentRuntimeArn}`,
        runs === undefined ? undefined : `Runs ${runs}.`,
        runtime.status === "CREATING" || runtime.status === "UPDATING" ? "Not ready yet: check again in a little while." : undefined,
      ],
      {
        status: runtime.status,
        ...(runtime.failureReason === undefined ? {} : { failureReason: runtime.failureReason }),
        createdAt: runtime.createdAt,
        lastUpdatedAt: runtime.lastUpdatedAt,
        roleArn: runtime.roleArn,
        configuration: configurationOf(runtime),
        ...(runtime.workloadIdentityDetails ? { workloadIdentityArn: runtime.workloadIdentityDetails.workloadIdentityArn } : {}),
      } satisfies z.infer<typeof GetAgentRuntimeOutputSchema>,
    );
  },
});
