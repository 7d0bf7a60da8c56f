import * as z from "zod";
import { AgentRuntimeStatusResultSchema, AgentRuntimeStatusSchema, CreateAgentRuntimeRequestSchema, DeleteAgentRuntimeRequestSchema } from "../agentcore/schemas.js";
import { REGION_OPTION, TARGET_OPTION, dryRunOption, waitOption } from "./options.js";
import { RESULT_SHAPE, localFailure } from "./response.js";
import { runtimeApproval } from "./steps.js";
import type { ToolLimits } from "./tool.js";
import { defineTool } from "./tool.js";

/** The tool's input: the runtime, the token, the confirmation and the tool's own options. */
export function deleteAgentRuntimeInputSchema({ maxWaitSeconds }: ToolLimits) {
  return z.strictObject({
    ...TARGET_OPTION,
    confirmName: CreateAgentRuntimeRequestSchema.shape.agentRuntimeName
      .optional()
      .describe(
        "The runtime's exact name, repeated after a person agreed to delete it. Needed only when the client cannot show a confirmation prompt; without a prompt and without the exact name nothing is deleted.",
      ),
    clientToken: DeleteAgentRuntimeRequestSchema.shape.clientToken,
    waitForDeletedSeconds: waitOption(maxWaitSeconds, `wait up to this many seconds (0-${maxWaitSeconds}) until the runtime is gone (or DELETE_FAILED with the reason).`),
    dryRun: dryRunOption("when true, only show which runtime would be deleted; nothing is deleted."),
    ...REGION_OPTION,
  });
}

/** The tool's structured result. */
export const DeleteAgentRuntimeOutputSchema = z.object({
  ...RESULT_SHAPE,
  status: AgentRuntimeStatusResultSchema.optional(),
  deleted: z.boolean().optional().describe("True once the runtime no longer exists (only known after a wait)."),
  waited: z
    .object({
      seconds: z.number().describe("Seconds waited."),
      polls: z.number().int().describe("Status reads made."),
      timedOut: z.boolean().describe("True if it still existed when the wait ended."),
    })
    .optional()
    .describe("Set when waitForDeletedSeconds > 0."),
  dryRun: z
    .object({ method: z.string().describe("HTTP method."), path: z.string().describe("Request path.") })
    .optional()
    .describe("dryRun only: the request that would be sent."),
});

/** The destructive `delete_agent_runtime` tool; offered only with the delete group. */
export const deleteAgentRuntime = defineTool({
  name: "delete_agent_runtime",
  title: "Delete AgentCore Runtime",
  description: [
    "Deletes an AgentCore Runtime with all its versions (DeleteAgentRuntime). Cannot be undone.",
    "Always confirmed: the person is asked through the client's prompt; when the client has none, pass confirmName with the runtime's exact name after the person agreed in the conversation.",
    "Accepts the runtime's id, ARN or exact name; dryRun shows what would be deleted; waitForDeletedSeconds waits until it is gone.",
  ].join(" "),
  group: "delete",
  // Repeating a delete changes nothing more: the runtime is gone either way.
  kind: "destroy",
  operation: "delete",
  input: deleteAgentRuntimeInputSchema,
  output: DeleteAgentRuntimeOutputSchema,
  async run(args, tool) {
    const clientToken = tool.clientToken(args.clientToken);
    const target = await tool.target(args.agentRuntimeId, args.region);
    const { client, region, agentRuntimeId } = target;
    // Read it first: the prompt and the confirmName check need its name, and the person should see what goes.
    const runtime = await tool.read(target);
    const what = `the ${tool.deps.sandbox ? "SANDBOX " : ""}AgentCore Runtime "${runtime.agentRuntimeName}" (${agentRuntimeId}, version ${runtime.agentRuntimeVersion}, status ${runtime.status}) in ${region}`;
    const path = `/runtimes/${agentRuntimeId}/`;

    if (args.dryRun) {
      return tool.dryRun(
        [`DRY RUN: nothing was deleted. Would delete ${what}: DELETE ${path}`],
        { status: runtime.status, dryRun: { method: "DELETE", path }, nextStep: "Call again without dryRun to delete it; the person must confirm." },
      );
    }

    await tool.confirm({
      prompt: `Delete ${what}? This removes every version and cannot be undone.`,
      action: "deletion",
      undone: "deleted",
      approves: "each deletion",
      always: true,
      binding: runtimeApproval(runtime, clientToken),
      unsupported: () => {
        if (args.confirmName === runtime.agentRuntimeName) return;
        tool.fail(
          localFailure(
            "ConfirmNameMismatch",
            args.confirmName === undefined ? "this client cannot show a confirmation prompt, and confirmName was not given" : "confirmName is not the runtime's exact name",
          ),
        );
      },
    });

    tool.deps.log.info("deleting agent runtime", { agentRuntimeId, region, sandbox: tool.deps.sandbox });
    const deleting = await tool.send(client.deleteAgentRuntime({ agentRuntimeId, clientToken }, { signal: tool.call.signal }));
    const status = AgentRuntimeStatusSchema.safeParse(deleting.status).data ?? "DELETING";
    const seconds = args.waitForDeletedSeconds ?? 0;
    const wait =
      seconds > 0
        ? await tool.wait({
            seconds,
            target,
            label: agentRuntimeId,
            initialStatus: status,
            goal: "gone",
            ended: (settled) => `runtime ${agentRuntimeId} is ${settled}, not deleted`,
            accepted: "The deletion was accepted",
          })
        : undefined;
    const nextStep =
      wait === undefined
        ? `Deletion takes a little while: get_agent_runtime with agentRuntimeId ${agentRuntimeId} answers ResourceNotFoundException once it is gone.`
        : wait.nextStep;
    return tool.response.success(
      [
        `${wait?.gone ? "Deleted" : "Deleting"} ${what.replace(/, status [A-Z_]+\)/, ")")}.`,
        `clientToken: ${clientToken}`,
        wait === undefined ? undefined : `Waited ${wait.waited.seconds} s over ${wait.waited.polls} status reads.`,
        nextStep,
      ],
      {
        ...(wait?.gone ? { deleted: true } : { status }),
        ...(wait === undefined ? {} : { waited: wait.waited }),
        ...(nextStep === undefined ? {} : { nextStep }),
      } satisfies z.infer<typeof DeleteAgentRuntimeOutputSchema>,
    );
  },
});
