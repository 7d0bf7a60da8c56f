import * as z from "zod";
import {
  AgentRuntimeStatusResultSchema,
  AgentRuntimeStatusSchema,
  CreateAgentRuntimeRequestSchema,
  DeleteAgentRuntimeRequestSchema,
} from "../agentcore/schemas.js";
import { REGION_OPTION, TARGET_OPTION, dryRunOption, waitOption } from "./options.js";
import { RESULT_SHAPE, localFailure } from "./response.js";
import { type RuntimeTarget, type ToolCall, runtimeApproval } from "./steps.js";
import type { ToolLimits } from "./tool.js";
import { defineTool } from "./tool.js";

/** The tool's input: the runtime, the token, the confirmation and the tool's own options. */
export function deleteAgentRuntimeInputSchema({ maxWaitSeconds }: ToolLimits) {
  return z.strictObject({
    ...TARGET_OPTION,
    confirmName: CreateAgentRuntimeRequestSchema.shape.agentRuntimeName
      .optional()
      .describe("The runtime's exact name, after the person agreed to delete it; only for clients without a confirmation prompt."),
    agentRuntimeVersion: DeleteAgentRuntimeRequestSchema.shape.agentRuntimeVersion.describe(
      "Delete only this version; refused while an endpoint serves it.",
    ),
    clientToken: DeleteAgentRuntimeRequestSchema.shape.clientToken,
    waitForDeletedSeconds: waitOption(
      maxWaitSeconds,
      `wait up to this many seconds (0-${maxWaitSeconds}) until the runtime is gone (or DELETE_FAILED with the reason).`,
    ),
    dryRun: dryRunOption("when true, only show which runtime would be deleted; nothing is deleted."),
    ...REGION_OPTION,
  });
}

/** The tool's structured result. */
export const DeleteAgentRuntimeOutputSchema = z.object({
  ...RESULT_SHAPE,
  status: AgentRuntimeStatusResultSchema.optional(),
  servedBy: z.string().optional().describe("Serving endpoint."),
  deleted: z.boolean().optional().describe("True once gone (known after a wait)."),
  waited: z
    .object({
      seconds: z.number().describe("Seconds waited."),
      polls: z.number().int().describe("Status reads made."),
      timedOut: z.boolean().describe("True if it still existed."),
    })
    .optional()
    .describe("Set after a wait."),
  dryRun: z
    .object({ method: z.string().describe("HTTP method."), path: z.string().describe("Request path.") })
    .optional()
    .describe("dryRun: the request."),
});

/**
 * A version an endpoint serves (DEFAULT serves the newest) cannot be deleted on its own: refused
 * here, before anything is deleted, naming the endpoint to move first.
 */
async function refuseServedVersion(tool: ToolCall, target: RuntimeTarget, version: string, newest: string): Promise<void> {
  await tool.read(target, version);
  let servedBy = version === newest ? "DEFAULT" : undefined;
  let nextToken: string | undefined;
  for (let pages = 0; servedBy === undefined && pages < MAX_ENDPOINT_PAGES; pages += 1) {
    const page = await tool.send(
      target.client.listAgentRuntimeEndpoints(
        { agentRuntimeId: target.agentRuntimeId, ...(nextToken === undefined ? {} : { nextToken }) },
        { signal: tool.call.signal },
      ),
    );
    servedBy = page.runtimeEndpoints.find((endpoint) => endpoint.liveVersion === version || endpoint.targetVersion === version)?.name;
    nextToken = page.nextToken;
    if (nextToken === undefined) break;
  }
  if (servedBy === undefined) return;
  tool.fail(
    localFailure(
      "VersionServed",
      servedBy === "DEFAULT"
        ? `version ${version} is the newest, which the DEFAULT endpoint serves; nothing was deleted`
        : `version ${version} is served by endpoint ${servedBy}; nothing was deleted`,
    ),
    { servedBy },
  );
}

/** Endpoint pages read at most when checking which endpoint serves a version. */
const MAX_ENDPOINT_PAGES = 5;

/** The destructive `delete_agent_runtime` tool; offered only with the delete group. */
export const deleteAgentRuntime = defineTool({
  name: "delete_agent_runtime",
  title: "Delete AgentCore Runtime",
  description: [
    "Deletes an AgentCore Runtime with all its versions, or one version (agentRuntimeVersion). Cannot be undone.",
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
    const version = args.agentRuntimeVersion;
    if (version !== undefined) {
      tool.response.noteFacts({ version });
      await refuseServedVersion(tool, target, version, runtime.agentRuntimeVersion);
    }
    const runtimeWords = `AgentCore Runtime "${runtime.agentRuntimeName}" (${agentRuntimeId}, ${version === undefined ? "version" : "newest version"} ${runtime.agentRuntimeVersion}, status ${runtime.status}) in ${region}`;
    const what = `${version === undefined ? "the " : `version ${version} of the `}${tool.deps.sandbox ? "SANDBOX " : ""}${runtimeWords}`;
    const path = `/runtimes/${agentRuntimeId}/${version === undefined ? "" : `?version=${version}`}`;

    if (args.dryRun) {
      return tool.dryRun([`DRY RUN: nothing was deleted. Would delete ${what}: DELETE ${path}`], {
        status: runtime.status,
        dryRun: { method: "DELETE", path },
        nextStep: "Call again without dryRun to delete it; the person must confirm.",
      });
    }

    await tool.confirm({
      prompt: `Delete ${what}? ${version === undefined ? "This removes every version" : "This removes that version"} and cannot be undone.`,
      action: "deletion",
      undone: "deleted",
      approves: "each deletion",
      always: true,
      binding: { ...runtimeApproval(runtime, clientToken), deletedVersion: version },
      unsupported: () => {
        if (args.confirmName === runtime.agentRuntimeName) return;
        tool.fail(
          localFailure(
            "ConfirmNameMismatch",
            args.confirmName === undefined
              ? "this client cannot show a confirmation prompt, and confirmName was not given"
              : "confirmName is not the runtime's exact name",
          ),
        );
      },
    });

    tool.deps.log.info("deleting agent runtime", { agentRuntimeId, region, sandbox: tool.deps.sandbox });
    const deleting = await tool.send(
      client.deleteAgentRuntime(
        { agentRuntimeId, clientToken, ...(version === undefined ? {} : { agentRuntimeVersion: version }) },
        { signal: tool.call.signal },
      ),
    );
    const status = AgentRuntimeStatusSchema.safeParse(deleting.status).data ?? "DELETING";
    const seconds = args.waitForDeletedSeconds ?? 0;
    const wait =
      seconds > 0
        ? await tool.wait({
            seconds,
            target,
            ...(version === undefined ? {} : { pollVersion: version }),
            label: version === undefined ? agentRuntimeId : `${agentRuntimeId} v${version}`,
            initialStatus: status,
            goal: "gone",
            ended: (settled) => `runtime ${agentRuntimeId} is ${settled}, not deleted`,
            accepted: "The deletion was accepted",
          })
        : undefined;
    const nextStep =
      wait === undefined
        ? `Deletion takes a little while: get_agent_runtime with agentRuntimeId ${agentRuntimeId}${version === undefined ? "" : ` and agentRuntimeVersion ${version}`} answers ResourceNotFoundException once it is gone.`
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
