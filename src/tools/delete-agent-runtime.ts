import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { AgentRuntimeStatusResultSchema, AgentRuntimeStatusSchema, CreateAgentRuntimeRequestSchema } from "../agentcore/schemas.js";
import { waitForSettled } from "../agentcore/wait.js";
import type { Logger } from "../log.js";
import { RegionArgumentSchema, waitSecondsArgument } from "./arguments.js";
import { RuntimeRefArgumentSchema } from "./lookup.js";
import { noteRuntimeRef, reachRuntime, readRuntime, runtimeApproval } from "./runtime-target.js";
import { RESULT_SHAPE, type ResultContext, explainStop, failureResult, localFailure, successResult } from "./results.js";
import { defineTool, type ToolDefinition } from "./tool.js";

/** Builds the tool's input. */
export function deleteAgentRuntimeInputSchema(maxWaitSeconds: number) {
  return z.strictObject({
    agentRuntimeId: RuntimeRefArgumentSchema,
    confirmName: z
      .string()
      .max(48)
      .optional()
      .describe(
        "The runtime's exact name, repeated after a person agreed to delete it. Needed only when the client cannot show a confirmation prompt; without a prompt and without the exact name nothing is deleted.",
      ),
    clientToken: CreateAgentRuntimeRequestSchema.shape.clientToken,
    waitForDeletedSeconds: waitSecondsArgument(
      maxWaitSeconds,
      `Tool option: wait up to this many seconds (0-${maxWaitSeconds}) until the runtime is gone (or DELETE_FAILED with the reason).`,
    ),
    dryRun: z.boolean().optional().describe("Tool option: when true, only show which runtime would be deleted; nothing is deleted."),
    region: RegionArgumentSchema.optional(),
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

type DeleteOutput = z.infer<typeof DeleteAgentRuntimeOutputSchema>;

/** Dependencies of the tool, injected by the app. */
export interface DeleteAgentRuntimeDeps {
  controlPlane: ControlPlane;
  sandbox: boolean;
  maxWaitSeconds: number;
  newClientToken: () => string;
  log: Logger;
}

/** Builds the destructive `delete_agent_runtime` tool; the app leaves it out in read-only mode. */
export function deleteAgentRuntimeTool(deps: DeleteAgentRuntimeDeps): ToolDefinition {
  return defineTool({
    name: "delete_agent_runtime",
    title: "Delete AgentCore Runtime",
    description: [
      "Deletes an AgentCore Runtime with all its versions (DeleteAgentRuntime). Cannot be undone.",
      "Always confirmed: the person is asked through the client's prompt; when the client has none, pass confirmName with the runtime's exact name after the person agreed in the conversation.",
      "Accepts the runtime's id, ARN or exact name; dryRun shows what would be deleted; waitForDeletedSeconds waits until it is gone.",
    ].join(" "),
    inputSchema: deleteAgentRuntimeInputSchema(deps.maxWaitSeconds),
    outputSchema: DeleteAgentRuntimeOutputSchema,
    // Repeating a delete changes nothing more: the runtime is gone either way.
    annotations: { title: "Delete AgentCore Runtime", readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    async handler(args, call): Promise<CallToolResult> {
      const clientToken = args.clientToken ?? deps.newClientToken();
      const noted = noteRuntimeRef(args.agentRuntimeId, args.region, call, { clientToken });
      const context = (): ResultContext => ({ operation: "delete", sandbox: deps.sandbox, identity: call.identity });
      if (!noted.ok) return failureResult(noted.failure, context());
      const target = await reachRuntime(deps.controlPlane, noted, call);
      if (!target.ok) return failureResult(target.failure, context());
      const { client, region, agentRuntimeId } = target;
      // Read it first: the prompt and the confirmName check need its name, and the person should see what goes.
      const read = await readRuntime(target, call);
      if (!read.ok) return failureResult(read.failure, context());
      const runtime = read.value;
      const what = `the ${deps.sandbox ? "SANDBOX " : ""}AgentCore Runtime "${runtime.agentRuntimeName}" (${agentRuntimeId}, version ${runtime.agentRuntimeVersion}, status ${runtime.status}) in ${region}`;

      if (args.dryRun) {
        const structured: DeleteOutput = {
          ...call.identity,
          sandbox: deps.sandbox,
          status: runtime.status,
          dryRun: { method: "DELETE", path: `/runtimes/${agentRuntimeId}/` },
          nextStep: "Call again without dryRun to delete it; the person must confirm.",
        };
        return successResult(`DRY RUN: nothing was deleted. Would delete ${what}: DELETE /runtimes/${agentRuntimeId}/`, structured);
      }

      const answer = await call.confirm(`Delete ${what}? This removes every version and cannot be undone.`, { binding: runtimeApproval(runtime, clientToken) });
      if (answer === "declined" || answer === "cancelled") {
        return failureResult(localFailure("NotApproved", `nothing was deleted: the person ${answer} the deletion`), context());
      }
      if (answer === "unsupported" && args.confirmName !== runtime.agentRuntimeName) {
        return failureResult(
          localFailure(
            "ConfirmNameMismatch",
            args.confirmName === undefined
              ? "this client cannot show a confirmation prompt, and confirmName was not given"
              : "confirmName is not the runtime's exact name",
          ),
          context(),
        );
      }

      deps.log.info("deleting agent runtime", { agentRuntimeId, region, sandbox: deps.sandbox });
      const outcome = await client.deleteAgentRuntime({ agentRuntimeId, clientToken }, { signal: call.signal });
      if (!outcome.ok) return failureResult(explainStop(outcome.failure, call), context());
      const structured: DeleteOutput = {
        ...call.identity,
        sandbox: deps.sandbox,
        status: AgentRuntimeStatusSchema.safeParse(outcome.value.status).data ?? "DELETING",
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
      };
      const waitSeconds = args.waitForDeletedSeconds ?? 0;
      if (waitSeconds > 0) {
        const wait = await waitForSettled({
          call,
          poll: (signal) => client.getAgentRuntime(agentRuntimeId, undefined, { signal }),
          budgetMs: waitSeconds * 1000,
          initialStatus: structured.status ?? "DELETING",
          untilGone: true,
          onProgress: (progress) => call.progress(progress.elapsedMs / 1000, `${agentRuntimeId}: ${progress.status} after ${(progress.elapsedMs / 1000).toFixed(1)} s`),
        });
        structured.waited = { seconds: Math.round(wait.elapsedMs / 100) / 10, polls: wait.polls, timedOut: wait.kind !== "gone" && wait.kind !== "settled" };
        if (wait.kind === "gone") {
          structured.deleted = true;
          delete structured.status;
        } else if (wait.kind === "settled") {
          return failureResult(
            {
              code: wait.runtime.status,
              message: `runtime ${agentRuntimeId} is ${wait.runtime.status}, not deleted: ${wait.runtime.failureReason ?? "the service gave no reason"}`,
              retryable: false,
              attempts: 0,
            },
            context(),
            { status: wait.runtime.status, waited: structured.waited },
          );
        } else if (wait.kind === "failed") {
          structured.nextStep = `The deletion was accepted, but reading its status failed (${wait.outcome.failure.code}): call get_agent_runtime with agentRuntimeId ${agentRuntimeId}; ResourceNotFoundException means it is gone.`;
        } else {
          structured.nextStep = `Still deleting after ${structured.waited.seconds} s: call get_agent_runtime with agentRuntimeId ${agentRuntimeId}; ResourceNotFoundException means it is gone.`;
        }
      } else {
        structured.nextStep = `Deletion takes a little while: get_agent_runtime with agentRuntimeId ${agentRuntimeId} answers ResourceNotFoundException once it is gone.`;
      }
      const lines = [
        `${deps.sandbox ? "[SANDBOX] " : ""}${structured.deleted ? "Deleted" : "Deleting"} ${what.replace(/, status [A-Z_]+\)/, ")")}.`,
        `clientToken: ${clientToken}`,
        structured.waited ? `Waited ${structured.waited.seconds} s over ${structured.waited.polls} status reads.` : undefined,
        structured.nextStep,
      ].filter((line) => line !== undefined);
      return successResult(lines.join("\n"), structured);
    },
  });
}
