import * as z from "zod";
import { UpdateAgentRuntimeEndpointRequestSchema } from "../agentcore/schemas.js";
import { EndpointSummarySchema, endpointLine, endpointOf, refuseDefault, waitForEndpoint } from "./endpoint-steps.js";
import { REGION_OPTION, TARGET_OPTION, waitOption } from "./options.js";
import { RESULT_SHAPE } from "./response.js";
import type { ToolLimits } from "./tool.js";
import { defineTool } from "./tool.js";

/** The tool's input. */
export function updateAgentRuntimeEndpointInputSchema({ maxWaitSeconds }: ToolLimits) {
  return UpdateAgentRuntimeEndpointRequestSchema.extend({
    ...TARGET_OPTION,
    waitForReadySeconds: waitOption(maxWaitSeconds, `wait up to this many seconds (0-${maxWaitSeconds}) for READY.`),
    ...REGION_OPTION,
  });
}

/** The tool's structured result. */
export const UpdateAgentRuntimeEndpointOutputSchema = z.object({
  ...RESULT_SHAPE,
  endpoint: EndpointSummarySchema.optional(),
  previousVersion: z.string().optional().describe("Earlier version."),
});

/** The `update_agent_runtime_endpoint` tool: promote or roll back by pointing an endpoint at another version. */
export const updateAgentRuntimeEndpoint = defineTool({
  name: "update_agent_runtime_endpoint",
  title: "Update runtime endpoint",
  description:
    "Points a named endpoint at another version: promote or roll back; shows old → new liveVersion. DEFAULT cannot be re-pointed.",
  group: "endpoints",
  kind: "change",
  operation: "updateEndpoint",
  input: updateAgentRuntimeEndpointInputSchema,
  output: UpdateAgentRuntimeEndpointOutputSchema,
  async run(args, tool) {
    const { waitForReadySeconds = 0, region: regionOption, agentRuntimeId: reference, ...members } = args;
    tool.response.noteFacts({
      endpoint: args.endpointName,
      ...(args.agentRuntimeVersion === undefined ? {} : { version: args.agentRuntimeVersion }),
    });
    refuseDefault(tool, args.endpointName, "re-pointed");
    const clientToken = tool.clientToken(args.clientToken);
    const target = await tool.target(reference, regionOption);
    await tool.confirm({
      prompt: `Point endpoint ${args.endpointName} of ${target.agentRuntimeId} at version ${args.agentRuntimeVersion ?? "(unchanged)"}?`,
      action: "update",
      undone: "changed",
      approves: "each change",
      binding: {
        agentRuntimeId: target.agentRuntimeId,
        endpointName: args.endpointName,
        agentRuntimeVersion: args.agentRuntimeVersion,
        clientToken,
      },
    });
    const updated = await tool.send(
      target.client.updateAgentRuntimeEndpoint(
        { ...members, agentRuntimeId: target.agentRuntimeId, clientToken },
        { signal: tool.call.signal },
      ),
    );
    tool.call.remember({ agentRuntimeArn: updated.agentRuntimeArn });
    const previousVersion = updated.liveVersion;
    let endpoint = endpointOf(args.endpointName, updated);
    const wait =
      waitForReadySeconds > 0 ? await waitForEndpoint(tool, target, args.endpointName, waitForReadySeconds, updated.status) : undefined;
    if (wait?.endpoint !== undefined) endpoint = wait.endpoint;
    const moved = `liveVersion ${previousVersion ?? "none"} → ${endpoint.status === "READY" ? (endpoint.liveVersion ?? "?") : `${updated.targetVersion ?? "?"} (once READY)`}`;
    const nextStep =
      wait?.nextStep ??
      (endpoint.status === "READY"
        ? `Traffic through qualifier ${args.endpointName} now reaches version ${endpoint.liveVersion ?? "?"}; to roll back, update it again with agentRuntimeVersion ${previousVersion ?? "?"}.`
        : `It is ${endpoint.status}: call get_agent_runtime_endpoint until it is READY.`);
    return tool.response.success(
      [
        `Endpoint ${args.endpointName} of ${target.agentRuntimeId}: ${moved}.`,
        endpointLine(endpoint),
        `clientToken: ${clientToken}`,
        wait === undefined ? undefined : `Waited ${wait.waited.seconds} s over ${wait.waited.polls} status reads.`,
        nextStep,
      ],
      {
        endpoint,
        ...(previousVersion === undefined ? {} : { previousVersion }),
        nextStep,
      } satisfies z.infer<typeof UpdateAgentRuntimeEndpointOutputSchema>,
    );
  },
});
