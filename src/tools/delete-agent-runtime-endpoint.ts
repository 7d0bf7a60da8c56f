import * as z from "zod";
import { DeleteAgentRuntimeEndpointRequestSchema } from "../agentcore/schemas.js";
import { EndpointSummarySchema, endpointLine, endpointOf, refuseDefault } from "./endpoint-steps.js";
import { REGION_OPTION, TARGET_OPTION } from "./options.js";
import { RESULT_SHAPE, localFailure } from "./response.js";
import { defineTool } from "./tool.js";

/** The tool's input: the endpoint, the token, the confirmation and the region. */
export const DeleteAgentRuntimeEndpointInputSchema = DeleteAgentRuntimeEndpointRequestSchema.extend({
  ...TARGET_OPTION,
  confirmName: DeleteAgentRuntimeEndpointRequestSchema.shape.endpointName
    .optional()
    .describe("The exact name, after the person agreed; only for clients without prompts."),
  ...REGION_OPTION,
});

/** The tool's structured result. */
export const DeleteAgentRuntimeEndpointOutputSchema = z.object({
  ...RESULT_SHAPE,
  endpoint: EndpointSummarySchema.optional(),
});

/** The destructive `delete_agent_runtime_endpoint` tool. */
export const deleteAgentRuntimeEndpoint = defineTool({
  name: "delete_agent_runtime_endpoint",
  title: "Delete runtime endpoint",
  description:
    "Deletes a named endpoint (DEFAULT cannot be). Always confirmed by the person; a client without prompts passes confirmName (the exact name) after they agreed.",
  group: "endpoints",
  kind: "destroy",
  operation: "deleteEndpoint",
  input: DeleteAgentRuntimeEndpointInputSchema,
  output: DeleteAgentRuntimeEndpointOutputSchema,
  async run(args, tool) {
    tool.response.noteFacts({ endpoint: args.endpointName });
    refuseDefault(tool, args.endpointName, "deleted");
    const clientToken = tool.clientToken(args.clientToken);
    const target = await tool.target(args.agentRuntimeId, args.region);
    const request = { agentRuntimeId: target.agentRuntimeId, endpointName: args.endpointName };
    // Read it first: the person should see what goes, and what it serves.
    const read = await tool.send(target.client.getAgentRuntimeEndpoint(request, { signal: tool.call.signal }));
    tool.call.remember({ agentRuntimeArn: read.agentRuntimeArn });
    const current = endpointOf(args.endpointName, read);
    const what = `endpoint "${args.endpointName}" of the ${tool.deps.sandbox ? "SANDBOX " : ""}runtime ${target.agentRuntimeId} in ${target.region} (serving version ${read.liveVersion ?? "none"})`;
    await tool.confirm({
      prompt: `Delete ${what}? Invocations with qualifier ${args.endpointName} will fail afterwards.`,
      action: "deletion",
      undone: "deleted",
      approves: "each deletion",
      // The approval holds to this endpoint as read: a retry after it changed approves nothing.
      binding: {
        agentRuntimeId: target.agentRuntimeId,
        endpointName: args.endpointName,
        liveVersion: read.liveVersion,
        lastUpdatedAt: read.lastUpdatedAt,
        clientToken,
      },
      always: true,
      unsupported: () => {
        if (args.confirmName === args.endpointName) return;
        tool.fail(
          localFailure(
            "ConfirmNameMismatch",
            args.confirmName === undefined
              ? "this client cannot show a confirmation prompt, and confirmName was not given"
              : "confirmName is not the endpoint's exact name",
          ),
          { endpoint: current },
        );
      },
    });
    const deleted = await tool.send(target.client.deleteAgentRuntimeEndpoint({ ...request, clientToken }, { signal: tool.call.signal }), {
      endpoint: current,
    });
    const endpoint = { ...current, status: deleted.status };
    const nextStep = `Deletion takes a little while: list_agent_runtime_endpoints with agentRuntimeId ${target.agentRuntimeId} no longer shows it once it is gone.`;
    return tool.response.success([`Deleting ${what}.`, endpointLine(endpoint), `clientToken: ${clientToken}`, nextStep], {
      endpoint,
      nextStep,
    } satisfies z.infer<typeof DeleteAgentRuntimeEndpointOutputSchema>);
  },
});
