import * as z from "zod";
import { GetAgentRuntimeEndpointRequestSchema } from "../agentcore/schemas.js";
import { EndpointSummarySchema, endpointLine, endpointOf, waitForEndpoint } from "./endpoint-steps.js";
import { REGION_OPTION, TARGET_OPTION, waitOption } from "./options.js";
import { RESULT_SHAPE, WaitedSchema } from "./response.js";
import type { ToolLimits } from "./tool.js";
import { defineTool } from "./tool.js";

/** The tool's input. */
export function getAgentRuntimeEndpointInputSchema({ maxWaitSeconds }: ToolLimits) {
  return GetAgentRuntimeEndpointRequestSchema.extend({
    ...TARGET_OPTION,
    waitForReadySeconds: waitOption(maxWaitSeconds, `wait up to this many seconds (0-${maxWaitSeconds}) while it is CREATING or UPDATING.`),
    ...REGION_OPTION,
  });
}

/** The tool's structured result. */
export const GetAgentRuntimeEndpointOutputSchema = z.object({
  ...RESULT_SHAPE,
  endpoint: EndpointSummarySchema.optional(),
  failureReason: z.string().optional().describe("Why it failed (*_FAILED)."),
  waited: WaitedSchema.optional(),
});

/** The `get_agent_runtime_endpoint` tool. */
export const getAgentRuntimeEndpoint = defineTool({
  name: "get_agent_runtime_endpoint",
  title: "Get AgentCore Runtime endpoint",
  description:
    "Reads one endpoint of a runtime (GetAgentRuntimeEndpoint): its status, the version it serves (liveVersion) and the one it moves to (targetVersion). endpointName DEFAULT is the one that follows the newest version. waitForReadySeconds waits while it changes.",
  group: "endpoints",
  kind: "read",
  operation: "getEndpoint",
  input: getAgentRuntimeEndpointInputSchema,
  output: GetAgentRuntimeEndpointOutputSchema,
  async run(args, tool) {
    tool.response.noteFacts({ endpoint: args.endpointName });
    const target = await tool.target(args.agentRuntimeId, args.region);
    const read = await tool.send(target.client.getAgentRuntimeEndpoint({ agentRuntimeId: target.agentRuntimeId, endpointName: args.endpointName }, { signal: tool.call.signal }));
    tool.call.remember({ agentRuntimeArn: read.agentRuntimeArn });
    let endpoint = endpointOf(args.endpointName, read);
    const seconds = args.waitForReadySeconds ?? 0;
    const changing = read.status === "CREATING" || read.status === "UPDATING";
    const wait = seconds > 0 && changing ? await waitForEndpoint(tool, target, args.endpointName, seconds, read.status) : undefined;
    if (wait?.endpoint !== undefined) endpoint = wait.endpoint;
    const nextStep = wait?.nextStep ?? (endpoint.status === "READY" ? `invoke_agent_runtime with qualifier ${args.endpointName} reaches version ${endpoint.liveVersion ?? "?"}.` : undefined);
    return tool.response.success(
      [`Endpoint ${args.endpointName} of ${target.agentRuntimeId} in ${target.region}:`, endpointLine(endpoint), read.failureReason === undefined ? undefined : `Failure reason: ${read.failureReason}`, nextStep],
      {
        endpoint,
        ...(read.failureReason === undefined ? {} : { failureReason: read.failureReason }),
        ...(wait === undefined ? {} : { waited: wait.waited }),
        ...(nextStep === undefined ? {} : { nextStep }),
      } satisfies z.infer<typeof GetAgentRuntimeEndpointOutputSchema>,
    );
  },
});
