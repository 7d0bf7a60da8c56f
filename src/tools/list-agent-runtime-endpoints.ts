import * as z from "zod";
import { ListAgentRuntimeEndpointsRequestSchema } from "../agentcore/schemas.js";
import { EndpointSummarySchema, endpointLine, endpointOf } from "./endpoint-steps.js";
import { REGION_OPTION, TARGET_OPTION } from "./options.js";
import { RESULT_SHAPE } from "./response.js";
import { NextTokenResultSchema, counted } from "./summaries.js";
import { defineTool } from "./tool.js";

/** The tool's input: which runtime, the API's paging members and the region. */
export const ListAgentRuntimeEndpointsInputSchema = ListAgentRuntimeEndpointsRequestSchema.extend({ ...TARGET_OPTION, ...REGION_OPTION });

/** The tool's structured result. */
export const ListAgentRuntimeEndpointsOutputSchema = z.object({
  ...RESULT_SHAPE,
  endpoints: z.array(EndpointSummarySchema).optional().describe("Endpoints."),
  nextToken: NextTokenResultSchema,
});

/** The `list_agent_runtime_endpoints` tool. */
export const listAgentRuntimeEndpoints = defineTool({
  name: "list_agent_runtime_endpoints",
  title: "List runtime endpoints",
  description: "Lists a runtime's endpoints (DEFAULT first) with the version each serves; paged. Read-only.",
  group: "endpoints",
  kind: "read",
  operation: "listEndpoints",
  input: ListAgentRuntimeEndpointsInputSchema,
  output: ListAgentRuntimeEndpointsOutputSchema,
  async run(args, tool) {
    const { agentRuntimeId: reference, region, ...paging } = args;
    const target = await tool.target(reference, region);
    const page = await tool.send(
      target.client.listAgentRuntimeEndpoints({ ...paging, agentRuntimeId: target.agentRuntimeId }, { signal: tool.call.signal }),
    );
    const endpoints = page.runtimeEndpoints.map((endpoint) => endpointOf(endpoint.name, endpoint));
    const first = page.runtimeEndpoints[0];
    if (first !== undefined) tool.call.remember({ agentRuntimeArn: first.agentRuntimeArn });
    const nextStep =
      page.nextToken === undefined
        ? "invoke_agent_runtime with qualifier set to an endpoint's name reaches the version it serves."
        : "More endpoints exist: call list_agent_runtime_endpoints again with this nextToken.";
    return tool.response.success(
      [
        `${counted(endpoints.length, "endpoint")} of ${target.agentRuntimeId} in ${target.region}:`,
        ...endpoints.map(endpointLine),
        page.nextToken === undefined ? undefined : `nextToken: ${page.nextToken}`,
        nextStep,
      ],
      { endpoints, ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }), nextStep } satisfies z.infer<
        typeof ListAgentRuntimeEndpointsOutputSchema
      >,
    );
  },
});
