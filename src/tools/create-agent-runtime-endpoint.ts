import * as z from "zod";
import { CreateAgentRuntimeEndpointRequestSchema } from "../agentcore/schemas.js";
import { EndpointSummarySchema, endpointLine, endpointOf, waitForEndpoint } from "./endpoint-steps.js";
import { REGION_OPTION, TARGET_OPTION, waitOption } from "./options.js";
import { RESULT_SHAPE } from "./response.js";
import type { ToolLimits } from "./tool.js";
import { defineTool } from "./tool.js";

/** The tool's input: the API's members, the runtime by id, ARN or name, a wait and the region. */
export function createAgentRuntimeEndpointInputSchema({ maxWaitSeconds }: ToolLimits) {
  return CreateAgentRuntimeEndpointRequestSchema.extend({
    ...TARGET_OPTION,
    waitForReadySeconds: waitOption(maxWaitSeconds, `wait up to this many seconds (0-${maxWaitSeconds}) for READY.`),
    ...REGION_OPTION,
  });
}

/** What tools/list shows: tags in brief (checked in full against the model's rules all the same). */
export function createAgentRuntimeEndpointAdvertisedSchema(limits: ToolLimits) {
  return createAgentRuntimeEndpointInputSchema(limits).extend({
    tags: z.record(z.string(), z.string()).optional().describe("Up to 50 tags."),
  });
}

/** The tool's structured result. */
export const CreateAgentRuntimeEndpointOutputSchema = z.object({
  ...RESULT_SHAPE,
  endpoint: EndpointSummarySchema.optional(),
});

/** The `create_agent_runtime_endpoint` tool: a named endpoint pinned to a version. */
export const createAgentRuntimeEndpoint = defineTool({
  name: "create_agent_runtime_endpoint",
  title: "Create runtime endpoint",
  description:
    "Creates a named endpoint serving one version (agentRuntimeVersion). DEFAULT follows new versions; invoke_agent_runtime reaches this one by qualifier.",
  group: "endpoints",
  kind: "create",
  operation: "createEndpoint",
  input: createAgentRuntimeEndpointInputSchema,
  advertisedInput: createAgentRuntimeEndpointAdvertisedSchema,
  output: CreateAgentRuntimeEndpointOutputSchema,
  async run(args, tool) {
    const { waitForReadySeconds = 0, region: regionOption, agentRuntimeId: reference, ...members } = args;
    tool.response.noteFacts({
      endpoint: args.name,
      ...(args.agentRuntimeVersion === undefined ? {} : { version: args.agentRuntimeVersion }),
    });
    const clientToken = tool.clientToken(args.clientToken);
    const target = await tool.target(reference, regionOption);
    const created = await tool.send(
      target.client.createAgentRuntimeEndpoint(
        { ...members, agentRuntimeId: target.agentRuntimeId, clientToken },
        { signal: tool.call.signal },
      ),
      { endpoint: { name: args.name, status: "unknown" } },
    );
    tool.call.remember({ agentRuntimeArn: created.agentRuntimeArn });
    let endpoint = endpointOf(args.name, { status: created.status, targetVersion: created.targetVersion });
    const wait = waitForReadySeconds > 0 ? await waitForEndpoint(tool, target, args.name, waitForReadySeconds, created.status) : undefined;
    if (wait?.endpoint !== undefined) endpoint = wait.endpoint;
    const nextStep =
      wait?.nextStep ??
      (endpoint.status === "READY"
        ? `Invoke it: invoke_agent_runtime with agentRuntimeId ${target.agentRuntimeId} and qualifier ${args.name}.`
        : `It is ${endpoint.status}: call get_agent_runtime_endpoint until it is READY.`);
    return tool.response.success(
      [
        `Created endpoint ${args.name} of ${target.agentRuntimeId} in ${target.region}, for version ${created.targetVersion}:`,
        endpointLine(endpoint),
        `clientToken: ${clientToken}`,
        wait === undefined ? undefined : `Waited ${wait.waited.seconds} s over ${wait.waited.polls} status reads.`,
        nextStep,
      ],
      { endpoint, nextStep } satisfies z.infer<typeof CreateAgentRuntimeEndpointOutputSchema>,
    );
  },
});
