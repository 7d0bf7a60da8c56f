import { isDeepStrictEqual } from "node:util";
import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import { listArgumentProblems } from "../agentcore/argument-errors.js";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { AgentRuntimeStatusResultSchema, CreateAgentRuntimeRequestSchema, type GetAgentRuntimeResponse, UpdateAgentRuntimeRequestSchema } from "../agentcore/schemas.js";
import { readRoleAnswer } from "../agentcore/role-answers.js";
import { mergeUnknownMembers, splitUnknownMembers, unknownMemberPaths } from "../agentcore/unknown-members.js";
import { waitForSettled } from "../agentcore/wait.js";
import type { Logger } from "../log.js";
import { RegionArgumentSchema, waitSecondsArgument } from "./arguments.js";
import { RuntimeRefArgumentSchema } from "./lookup.js";
import { noteRuntimeRef, reachRuntime, readRuntime, runtimeApproval } from "./runtime-target.js";
import { redactedBody } from "./redaction.js";
import { RESULT_SHAPE, WaitedSchema, type ResultContext, explainStop, stoppedFailure, failureResult, invalidArgumentsResult, localFailure, successResult, toIsoString } from "./results.js";
import { PREFLIGHT_ARGUMENTS, type PreflightRunner, PreflightResultSchema, runPreflightStep } from "./preflight-step.js";
import { defineTool, type ToolDefinition } from "./tool.js";

/**
 * The members UpdateAgentRuntime takes besides the runtime's id and the token, every one optional:
 * a caller names what changes, the rest is carried over from the current configuration.
 */
const UpdateMembersSchema = UpdateAgentRuntimeRequestSchema.omit({ agentRuntimeId: true, clientToken: true });
const UPDATE_MEMBERS = Object.keys(UpdateMembersSchema.shape) as (keyof z.infer<typeof UpdateMembersSchema>)[];

/** Builds the tool's input: the runtime, the members that change, the token and the tool's own options. */
export function updateAgentRuntimeInputSchema(maxWaitSeconds: number) {
  return UpdateMembersSchema.partial().extend({
    agentRuntimeId: RuntimeRefArgumentSchema,
    clientToken: UpdateAgentRuntimeRequestSchema.shape.clientToken,
    waitForReadySeconds: waitSecondsArgument(
      maxWaitSeconds,
      `Tool option: wait up to this many seconds (0-${maxWaitSeconds}) for the new version to be READY (or UPDATE_FAILED), with progress.`,
    ),
    dryRun: z.boolean().optional().describe("Tool option: when true, only show the full request and the changes (old → new); nothing is changed."),
    region: RegionArgumentSchema.optional(),
    ...PREFLIGHT_ARGUMENTS,
  });
}

/** A member as an object or a list of objects, with any nesting: what tools/list shows in brief. */
function briefMember(name: string, member: z.ZodType): z.ZodType | undefined {
  let inner = member;
  let description = member.description;
  while (inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
    description ??= inner.description;
  }
  const described = (shape: z.ZodType) =>
    shape.optional().describe(`${description ?? name} Shape as in create_agent_runtime; replaces the whole ${name}.`);
  if (inner instanceof z.ZodObject || inner instanceof z.ZodUnion) return described(z.looseObject({}));
  if (inner instanceof z.ZodArray && (inner.element instanceof z.ZodObject || inner.element instanceof z.ZodUnion)) return described(z.array(z.looseObject({})));
  return undefined;
}

/** Members create_agent_runtime lists in full: update may show these in brief, and only these. */
const CREATE_MEMBERS: ReadonlySet<string> = new Set(Object.keys(CreateAgentRuntimeRequestSchema.shape));

/**
 * The input as tools/list shows it: each structured member that create_agent_runtime lists in full
 * is shown in brief, since tools/list is read on every turn; a member only update takes is shown in
 * full, or a model could learn it only by trial. Arguments are still checked against the full
 * schema, whose messages name the nested member at fault.
 */
export function updateAgentRuntimeAdvertisedSchema(maxWaitSeconds: number) {
  const full = updateAgentRuntimeInputSchema(maxWaitSeconds);
  const brief = Object.fromEntries(
    UPDATE_MEMBERS.filter((name) => CREATE_MEMBERS.has(name)).flatMap((name) => {
      const shown = briefMember(name, full.shape[name]);
      return shown === undefined ? [] : [[name, shown]];
    }),
  );
  return full.extend(brief);
}

/** The tool's structured result. */
export const UpdateAgentRuntimeOutputSchema = z.object({
  ...RESULT_SHAPE,
  status: AgentRuntimeStatusResultSchema.optional(),
  previousVersion: z.string().optional().describe("The version the update started from."),
  lastUpdatedAt: z.string().optional().describe("Time of the update, ISO-8601."),
  changes: z
    .array(
      z.object({
        member: z.string().describe("Member that changes."),
        // A member the runtime did not have (or one the update clears) is absent on that side: JSON has no "undefined".
        from: z.unknown().optional().describe("Current value (sensitive values redacted); absent if not set before."),
        to: z.unknown().optional().describe("New value (sensitive values redacted); absent if not set after."),
      }),
    )
    .optional()
    .describe("What the update changes."),
  carriedOver: z.array(z.string()).optional().describe("Members unknown to this server's model, re-sent unchanged (paths)."),
  waited: WaitedSchema.optional(),
  dryRun: z
    .object({
      method: z.string().describe("HTTP method."),
      path: z.string().describe("Request path."),
      body: z.record(z.string(), z.unknown()).describe("Full body, sensitive values redacted."),
    })
    .optional()
    .describe("dryRun only: the request that would be sent."),
  preflight: PreflightResultSchema.optional(),
});

type UpdateOutput = z.infer<typeof UpdateAgentRuntimeOutputSchema>;
type Change = NonNullable<UpdateOutput["changes"]>[number];

/** Dependencies of the tool, injected by the app. */
export interface UpdateAgentRuntimeDeps {
  controlPlane: ControlPlane;
  sandbox: boolean;
  confirm: boolean;
  maxWaitSeconds: number;
  newClientToken: () => string;
  log: Logger;
  /** The pre-flight checks; absent where they cannot run. */
  preflight?: PreflightRunner;
  /** Whether checks run when a call does not say (`--skip-preflight` turns them off). */
  preflightByDefault: boolean;
}

/**
 * The current configuration as an UpdateAgentRuntime body: the members the operation takes, and
 * the top-level members this server's model does not know (most likely configuration AWS added
 * since), so that the update carries them over instead of removing them.
 */
function currentMembers(runtime: GetAgentRuntimeResponse): Record<string, unknown> {
  const current: Record<string, unknown> = {};
  const source = runtime as Record<string, unknown>;
  const unknownTopLevel = unknownMemberPaths("GetAgentRuntimeResponse", runtime).filter((path) => !/[.[]/.test(path));
  for (const member of [...UPDATE_MEMBERS, ...unknownTopLevel]) if (source[member] !== undefined) current[member] = source[member];
  return current;
}

/** One side of a change, redacted; nothing when the member is not set on that side. */
function shownSide(side: "from" | "to", member: string, value: unknown): Partial<Record<"from" | "to", unknown>> {
  return value === undefined ? {} : { [side]: redactedBody("UpdateAgentRuntimeRequest", { [member]: value })[member] };
}

function shown(value: unknown): string {
  const text = value === undefined ? "(not set)" : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Builds the `update_agent_runtime` tool. */
export function updateAgentRuntimeTool(deps: UpdateAgentRuntimeDeps): ToolDefinition {
  return defineTool({
    name: "update_agent_runtime",
    title: "Update AgentCore Runtime",
    description: [
      "Updates an AgentCore Runtime (UpdateAgentRuntime), making a new version: a new container image or code, role, network, protocol, environment, authorizer, lifecycle, ….",
      "Name only what changes: the tool reads the current configuration, replaces each member you pass (a member replaces the whole current value of that member) and shows old → new. dryRun shows the full request without changing anything.",
      "Accepts the runtime's id, ARN or exact name. Set waitForReadySeconds to wait until the new version is READY (or UPDATE_FAILED with the reason).",
    ].join(" "),
    inputSchema: updateAgentRuntimeInputSchema(deps.maxWaitSeconds),
    advertisedInputSchema: updateAgentRuntimeAdvertisedSchema(deps.maxWaitSeconds),
    outputSchema: UpdateAgentRuntimeOutputSchema,
    annotations: { title: "Update AgentCore Runtime", readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async handler(args, call): Promise<CallToolResult> {
      const { agentRuntimeId: refText, clientToken: givenToken, waitForReadySeconds = 0, dryRun = false, region: regionArg, preflight, ignoreChecks = [], ...changes } = args;
      const clientToken = givenToken ?? deps.newClientToken();
      const noted = noteRuntimeRef(refText, regionArg, call, { clientToken });
      const context = (): ResultContext => ({ operation: "update", sandbox: deps.sandbox, identity: call.identity });
      if (!noted.ok) return failureResult(noted.failure, context());
      const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      if (Object.keys(given).length === 0) {
        return failureResult(localFailure("NothingToChange", "no member to change was given; nothing was sent"), context());
      }
      const target = await reachRuntime(deps.controlPlane, noted, call);
      if (!target.ok) return failureResult(target.failure, context());
      const { client, region, agentRuntimeId } = target;
      const read = await readRuntime(target, call);
      if (!read.ok) return failureResult(read.failure, context());
      const runtime = read.value;

      const current = currentMembers(runtime);
      const merged = { ...current, ...given };
      // The merged configuration must hold together as a whole (e.g. VPC mode needs networkModeConfig).
      // Members the model does not know are re-sent unchanged; the rest is checked as always.
      const carried = splitUnknownMembers("UpdateAgentRuntimeRequest", merged);
      const carriedOver = unknownMemberPaths("UpdateAgentRuntimeRequest", merged);
      const checked = UpdateMembersSchema.safeParse(carried.known);
      if (!checked.success) return invalidArgumentsResult(listArgumentProblems(checked.error), call.identity, "update_agent_runtime");
      const changed: Change[] = Object.keys(given)
        .filter((member) => !isDeepStrictEqual(current[member], merged[member]))
        .map((member) => ({ member, ...shownSide("from", member, current[member]), ...shownSide("to", member, merged[member]) }));
      if (changed.length === 0) {
        return failureResult(localFailure("NothingToChange", "every member given already has that value; nothing was sent"), context());
      }
      const request = { ...checked.data, clientToken };
      const changeLines = [
        ...changed.map((change) => `- ${change.member}: ${shown(change.from)} → ${shown(change.to)}`),
        ...(carriedOver.length > 0 ? [`Re-sent unchanged (members this server's model does not know): ${carriedOver.join(", ")}`] : []),
      ];
      const carriedPart = carriedOver.length > 0 ? { carriedOver } : {};

      // Only what changes is checked: a carried-over role or image was checked when it was set.
      const checks = await runPreflightStep(deps.preflight, given, call, { enabled: preflight ?? deps.preflightByDefault, ignoreChecks, region });
      if (checks.kind === "stopped") return failureResult(stoppedFailure(call, "the pre-flight checks"), context());
      if (checks.kind === "blocked") return failureResult(checks.failure, context(), { preflight: checks.result, changes: changed }, [checks.text]);
      const preflightPart = checks.kind === "cleared" ? { preflight: checks.result } : {};
      const preflightLines = checks.kind === "cleared" ? [checks.text] : [];

      if (dryRun) {
        const structured: UpdateOutput = {
          ...call.identity,
          sandbox: deps.sandbox,
          previousVersion: runtime.agentRuntimeVersion,
          changes: changed,
          ...carriedPart,
          dryRun: {
            method: "PUT",
            path: `/runtimes/${agentRuntimeId}/`,
            body: redactedBody("UpdateAgentRuntimeRequest", mergeUnknownMembers(request, carried.unknown) as Record<string, unknown>),
          },
          ...preflightPart,
          nextStep: "Call again without dryRun to apply it (keep the same clientToken to make the call safe to repeat).",
        };
        const text = [
          `DRY RUN: nothing was changed. Version ${runtime.agentRuntimeVersion} of ${agentRuntimeId} would change:`,
          ...changeLines,
          `Would send: PUT /runtimes/${agentRuntimeId}/`,
          JSON.stringify(structured.dryRun?.body, null, 2),
          ...preflightLines,
        ];
        return successResult(text.join("\n"), structured);
      }

      if (deps.confirm) {
        const answer = await call.confirm(
          [`Update the ${deps.sandbox ? "SANDBOX " : ""}AgentCore Runtime "${runtime.agentRuntimeName}" (${agentRuntimeId}) in ${region} to a new version:`, ...changeLines].join("\n"),
          { binding: runtimeApproval(runtime, clientToken) },
        );
        if (answer === "unsupported") {
          return failureResult(localFailure("ConfirmationUnavailable", "this server asks a person to approve each change, but the client cannot show the prompt"), context());
        }
        if (answer !== "accepted") return failureResult(localFailure("NotApproved", `nothing was changed: the person ${answer} the update`), context());
      }

      deps.log.info("updating agent runtime", { agentRuntimeId, region, members: changed.map((change) => change.member).join(","), sandbox: deps.sandbox });
      const outcome = await client.updateAgentRuntime({ ...request, agentRuntimeId }, { signal: call.signal, unknownMembers: carried.unknown });
      if (!outcome.ok) return failureResult(explainStop(readRoleAnswer(outcome.failure), call), context(), { changes: changed, ...carriedPart });
      const updated = outcome.value;
      call.remember({ agentRuntimeVersion: updated.agentRuntimeVersion, agentRuntimeArn: updated.agentRuntimeArn });
      const structured: UpdateOutput = {
        ...call.identity,
        sandbox: deps.sandbox,
        status: updated.status,
        previousVersion: runtime.agentRuntimeVersion,
        ...carriedPart,
        ...("lastUpdatedAt" in updated && (typeof updated.lastUpdatedAt === "string" || typeof updated.lastUpdatedAt === "number")
          ? { lastUpdatedAt: toIsoString(updated.lastUpdatedAt) }
          : {}),
        changes: changed,
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
        ...preflightPart,
      };

      if (waitForReadySeconds > 0 && updated.status === "UPDATING") {
        const wait = await waitForSettled({
          call,
          poll: (signal) => client.getAgentRuntime(agentRuntimeId, undefined, { signal }),
          budgetMs: waitForReadySeconds * 1000,
          initialStatus: updated.status,
          onProgress: (progress) =>
            call.progress(progress.elapsedMs / 1000, `${agentRuntimeId} v${updated.agentRuntimeVersion}: ${progress.status} after ${(progress.elapsedMs / 1000).toFixed(1)} s`),
        });
        const waited = { seconds: Math.round(wait.elapsedMs / 100) / 10, polls: wait.polls, timedOut: wait.kind !== "settled" };
        structured.waited = waited;
        if (wait.kind === "settled") {
          structured.status = wait.runtime.status;
          if (wait.runtime.status !== "READY") {
            return failureResult(
              {
                code: wait.runtime.status,
                message: `version ${updated.agentRuntimeVersion} of ${agentRuntimeId} ended in ${wait.runtime.status}: ${wait.runtime.failureReason ?? "the service gave no reason"}`,
                retryable: false,
                attempts: 0,
              },
              context(),
              { status: wait.runtime.status, waited, changes: changed },
            );
          }
        } else if (wait.kind === "failed") {
          structured.nextStep = `The update was accepted, but reading its status failed (${wait.outcome.failure.code}): call get_agent_runtime with agentRuntimeId ${agentRuntimeId}.`;
        } else {
          structured.nextStep = `Still ${wait.kind === "timed-out" ? wait.lastStatus : "unknown (wait cancelled)"} after ${waited.seconds} s: call get_agent_runtime with agentRuntimeId ${agentRuntimeId} to check again.`;
        }
      } else if (updated.status === "UPDATING") {
        structured.nextStep = `The new version is usable when its status is READY: call get_agent_runtime with agentRuntimeId ${agentRuntimeId}, or pass waitForReadySeconds next time.`;
      }

      const lines = [
        `${deps.sandbox ? "[SANDBOX] " : ""}Updated AgentCore Runtime ${agentRuntimeId} in ${region}: version ${runtime.agentRuntimeVersion} → ${updated.agentRuntimeVersion}, status ${structured.status ?? updated.status}.`,
        ...changeLines,
        `clientToken: ${clientToken} (repeat the call with it to get this update back, never a second one)`,
        structured.waited ? `Waited ${structured.waited.seconds} s over ${structured.waited.polls} status reads.` : undefined,
        structured.nextStep,
        ...preflightLines,
      ].filter((line) => line !== undefined);
      return successResult(lines.join("\n"), structured);
    },
  });
}
