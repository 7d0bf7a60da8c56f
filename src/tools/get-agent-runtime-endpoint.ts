import * as z from "zod";
import { GetAgentRuntimeEndpointRequestSchema } from "../agentcore/schemas.js";
import { EndpointSummarySchema, endpointLine, endpointOf } from "./endpoint-steps.js";
import { REGION_OPTION, TARGET_OPTION } from "./options.js";
import { RESULT_SHAPE } from "./response.js";
import { defineTool } from "./tool.js";

/** The tool's input (create and update wait for READY; this tool reads). */
export const GetAgentRuntimeEndpointInputSchema = GetAgentRuntimeEndpointRequestSchema.extend({ ...TARGET_OPTION, ...REGION_OPTION });

/** The tool's structured result. */
export const GetAgentRuntimeEndpointOutputSchema = z.object({
  ...RESULT_SHAPE,
  endpoint: EndpointSummarySchema.optional(),
  failureReason: z.string().optional().describe("Why it failed (*_FAILED)."),
});

/** The `get_agent_runtime_endpoint` tool. */
export const getAgentRuntimeEndpoint = defineTool({
  name: "get_agent_runtime_endpoint",
  title: "Get runtime endpoint",
  description: "Reads one endpoint of a runtime: status, liveVersion (served) and targetVersion. Read-only.",
  group: "endpoints",
  kind: "read",
  operation: "getEndpoint",
  input: GetAgentRuntimeEndpointInputSchema,
  output: GetAgentRuntimeEndpointOutputSchema,
  async run(args, tool) {
    tool.response.noteFacts({ endpoint: args.endpointName });
    const target = await tool.target(args.agentRuntimeId, args.region);
    const read = await tool.send(
      target.client.getAgentRuntimeEndpoint(
        { agentRuntimeId: target.agentRuntimeId, endpointName: args.endpointName },
        { signal: tool.call.signal },
      ),
    );
    tool.call.remember({ agentRuntimeArn: read.agentRuntimeArn });
    const endpoint = endpointOf(args.endpointName, read);
    const nextStep =
      endpoint.status === "READY"
        ? `invoke_agent_runtime with qualifier ${args.endpointName} reaches version ${endpoint.liveVersion ?? "?"}.`
        : endpoint.status === "CREATING" || endpoint.status === "UPDATING"
          ? "Still changing: call get_agent_runtime_endpoint again in a few seconds."
          : undefined;
    return tool.response.success(
      [
        `Endpoint ${args.endpointName} of ${target.agentRuntimeId} in ${target.region}:`,
        endpointLine(endpoint),
        read.failureReason === undefined ? undefined : `Failure reason: ${read.failureReason}`,
        nextStep,
      ],
      {
        endpoint,
        ...(read.failureReason === undefined ? {} : { failureReason: read.failureReason }),
        ...(nextStep === undefined ? {} : { nextStep }),
      } satisfies z.infer<typeof GetAgentRuntimeEndpointOutputSchema>,
    );
  },
});
