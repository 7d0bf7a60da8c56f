import { isDeepStrictEqual } from "node:util";
import * as z from "zod";
import { listArgumentProblems } from "../agentcore/argument-errors.js";
import {
  AgentRuntimeStatusResultSchema,
  CreateAgentRuntimeRequestSchema,
  type GetAgentRuntimeResponse,
  UpdateAgentRuntimeRequestSchema,
} from "../agentcore/schemas.js";
import { mergeUnknownMembers, splitUnknownMembers, unknownMemberPaths } from "../agentcore/unknown-members.js";
import { PREFLIGHT_OPTIONS, REGION_OPTION, TARGET_OPTION, dryRunOption, waitOption } from "./options.js";
import { redactedBody } from "./redaction.js";
import { RESULT_SHAPE, WaitedSchema, localFailure } from "./response.js";
import { PreflightResultSchema, runtimeApproval } from "./steps.js";
import { type ToolLimits, defineTool } from "./tool.js";

/**
 * The members UpdateAgentRuntime takes besides the runtime's id and the token, every one optional:
 * a caller names what changes, the rest is carried over from the current configuration.
 */
const UpdateMembersSchema = UpdateAgentRuntimeRequestSchema.omit({ agentRuntimeId: true, clientToken: true });
const UPDATE_MEMBERS = Object.keys(UpdateMembersSchema.shape) as (keyof z.infer<typeof UpdateMembersSchema>)[];

/** Builds the tool's input: the runtime, the members that change, the token and the tool's own options. */
export function updateAgentRuntimeInputSchema({ maxWaitSeconds }: ToolLimits) {
  return UpdateMembersSchema.partial().extend({
    ...TARGET_OPTION,
    clientToken: UpdateAgentRuntimeRequestSchema.shape.clientToken,
    waitForReadySeconds: waitOption(
      maxWaitSeconds,
      `wait up to this many seconds (0-${maxWaitSeconds}) for the new version to be READY (or UPDATE_FAILED), with progress.`,
    ),
    dryRun: dryRunOption("when true, only show the full request and the changes (old → new); nothing is changed."),
    ...REGION_OPTION,
    ...PREFLIGHT_OPTIONS,
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
  if (inner instanceof z.ZodArray && (inner.element instanceof z.ZodObject || inner.element instanceof z.ZodUnion))
    return described(z.array(z.looseObject({})));
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
export function updateAgentRuntimeAdvertisedSchema(limits: ToolLimits) {
  const full = updateAgentRuntimeInputSchema(limits);
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

/** The `update_agent_runtime` tool. */
export const updateAgentRuntime = defineTool({
  name: "update_agent_runtime",
  title: "Update AgentCore Runtime",
  description: [
    "Updates an AgentCore Runtime (UpdateAgentRuntime), making a new version: a new container image or code, role, network, protocol, environment, authorizer, lifecycle, ….",
    "Name only what changes: the tool reads the current configuration, replaces each member you pass (a member replaces the whole current value of that member) and shows old → new. dryRun shows the full request without changing anything.",
    "Accepts the runtime's id, ARN or exact name. Set waitForReadySeconds to wait until the new version is READY (or UPDATE_FAILED with the reason).",
  ].join(" "),
  group: "update",
  kind: "change",
  operation: "update",
  input: updateAgentRuntimeInputSchema,
  advertisedInput: updateAgentRuntimeAdvertisedSchema,
  output: UpdateAgentRuntimeOutputSchema,
  async run(args, tool) {
    const {
      agentRuntimeId: reference,
      clientToken: givenToken,
      waitForReadySeconds = 0,
      dryRun = false,
      region: regionOption,
      preflight,
      ignoreChecks,
      ...changes
    } = args;
    const { call, deps } = tool;
    const clientToken = tool.clientToken(givenToken);
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const noted = tool.noteTarget(reference, regionOption);
    if (Object.keys(given).length === 0) tool.fail(localFailure("NothingToChange", "no member to change was given; nothing was sent"));
    const target = await tool.reach(noted);
    const { client, region, agentRuntimeId } = target;
    const runtime = await tool.read(target);

    const current = currentMembers(runtime);
    const merged = { ...current, ...given };
    // The merged configuration must hold together as a whole (e.g. VPC mode needs networkModeConfig).
    // Members the model does not know are re-sent unchanged; the rest is checked as always.
    const carried = splitUnknownMembers("UpdateAgentRuntimeRequest", merged);
    const carriedOver = unknownMemberPaths("UpdateAgentRuntimeRequest", merged);
    const checked = UpdateMembersSchema.safeParse(carried.known);
    if (!checked.success) return tool.response.invalid(listArgumentProblems(checked.error), "update_agent_runtime");
    const changed: Change[] = Object.keys(given)
      .filter((member) => !isDeepStrictEqual(current[member], merged[member]))
      .map((member) => ({ member, ...shownSide("from", member, current[member]), ...shownSide("to", member, merged[member]) }));
    if (changed.length === 0) tool.fail(localFailure("NothingToChange", "every member given already has that value; nothing was sent"));
    const request = { ...checked.data, clientToken };
    const changeLines = [
      ...changed.map((change) => `- ${change.member}: ${shown(change.from)} → ${shown(change.to)}`),
      ...(carriedOver.length > 0 ? [`Re-sent unchanged (members this server's model does not know): ${carriedOver.join(", ")}`] : []),
    ];
    const carriedPart = carriedOver.length > 0 ? { carriedOver } : {};

    // Only what changes is checked: a carried-over role or image was checked when it was set.
    const checks = await tool.preflight(given, { preflight, ignoreChecks, region, extra: { changes: changed } });

    if (dryRun) {
      const path = `/runtimes/${agentRuntimeId}/`;
      const body = redactedBody("UpdateAgentRuntimeRequest", mergeUnknownMembers(request, carried.unknown) as Record<string, unknown>);
      return tool.dryRun(
        [
          `DRY RUN: nothing was changed. Version ${runtime.agentRuntimeVersion} of ${agentRuntimeId} would change:`,
          ...changeLines,
          ...tool.wouldSend("PUT", path, body),
        ],
        {
          previousVersion: runtime.agentRuntimeVersion,
          changes: changed,
          ...carriedPart,
          dryRun: { method: "PUT", path, body },
          nextStep: "Call again without dryRun to apply it (keep the same clientToken to make the call safe to repeat).",
        },
        checks,
      );
    }

    await tool.confirm({
      prompt: [
        `Update the ${deps.sandbox ? "SANDBOX " : ""}AgentCore Runtime "${runtime.agentRuntimeName}" (${agentRuntimeId}) in ${region} to a new version:`,
        ...changeLines,
      ].join("\n"),
      action: "update",
      undone: "changed",
      approves: "each change",
      binding: runtimeApproval(runtime, clientToken),
    });

    deps.log.info("updating agent runtime", {
      agentRuntimeId,
      region,
      members: changed.map((change) => change.member).join(","),
      sandbox: deps.sandbox,
    });
    const updated = await tool.send(
      client.updateAgentRuntime({ ...request, agentRuntimeId }, { signal: call.signal, unknownMembers: carried.unknown }),
      {
        changes: changed,
        ...carriedPart,
      },
    );
    call.remember({ agentRuntimeVersion: updated.agentRuntimeVersion, agentRuntimeArn: updated.agentRuntimeArn });
    const wait =
      waitForReadySeconds > 0 && updated.status === "UPDATING"
        ? await tool.wait({
            seconds: waitForReadySeconds,
            target,
            label: `${agentRuntimeId} v${updated.agentRuntimeVersion}`,
            initialStatus: updated.status,
            goal: "READY",
            ended: (status) => `version ${updated.agentRuntimeVersion} of ${agentRuntimeId} ended in ${status}`,
            accepted: "The update was accepted",
            extra: { changes: changed },
          })
        : undefined;
    const status = wait?.status ?? updated.status;
    const nextStep =
      wait === undefined
        ? updated.status === "UPDATING"
          ? `The new version is usable when its status is READY: call get_agent_runtime with agentRuntimeId ${agentRuntimeId}, or pass waitForReadySeconds next time.`
          : undefined
        : wait.nextStep;
    return tool.response.success(
      [
        `Updated AgentCore Runtime ${agentRuntimeId} in ${region}: version ${runtime.agentRuntimeVersion} → ${updated.agentRuntimeVersion}, status ${status}.`,
        ...changeLines,
        `clientToken: ${clientToken} (repeat the call with it to get this update back, never a second one)`,
        wait === undefined ? undefined : `Waited ${wait.waited.seconds} s over ${wait.waited.polls} status reads.`,
        nextStep,
        ...checks.lines,
      ],
      {
        status,
        previousVersion: runtime.agentRuntimeVersion,
        lastUpdatedAt: updated.lastUpdatedAt,
        changes: changed,
        ...carriedPart,
        ...(wait === undefined ? {} : { waited: wait.waited }),
        ...(nextStep === undefined ? {} : { nextStep }),
        ...checks.structured,
      } satisfies UpdateOutput,
    );
  },
});
