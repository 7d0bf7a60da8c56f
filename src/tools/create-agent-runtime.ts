import * as z from "zod";
import type { AgentCoreClient } from "../agentcore/control-plane.js";
import type { CallFailure } from "../agentcore/errors.js";
import { retryWhileRolePropagates } from "../agentcore/role-answers.js";
import { AgentRuntimeStatusResultSchema, type CreateAgentRuntimeRequest, CreateAgentRuntimeRequestSchema } from "../agentcore/schemas.js";
import { findRuntimeByName } from "./lookup.js";
import { PREFLIGHT_OPTIONS, REGION_OPTION, accountOfArn, dryRunOption, waitOption } from "./options.js";
import { redactedBody } from "./redaction.js";
import { RESULT_SHAPE, WaitedSchema } from "./response.js";
import { PreflightResultSchema, type ToolCall } from "./steps.js";
import { type ToolLimits, defineTool } from "./tool.js";

/** Members of the tool that are not API members: they steer the tool, and are never sent. */
const TOOL_ONLY_MEMBERS = ["waitForReadySeconds", "dryRun", "region", "preflight", "ignoreChecks"] as const;

/** Builds the tool's input: the API's members plus the tool-only ones, with the wait capped. */
export function createAgentRuntimeInputSchema({ maxWaitSeconds }: ToolLimits) {
  return CreateAgentRuntimeRequestSchema.extend({
    waitForReadySeconds: waitOption(
      maxWaitSeconds,
      `wait up to this many seconds (0-${maxWaitSeconds}; default 0, return at once) for READY, with progress. If time runs out the result says CREATING: then call get_agent_runtime.`,
    ),
    dryRun: dryRunOption("only validate and return the exact request that would be sent (sensitive values redacted); nothing is created."),
    ...REGION_OPTION,
    ...PREFLIGHT_OPTIONS,
  });
}

/** The members of {@link TOOL_ONLY_MEMBERS}, for tests and docs. */
export const CREATE_TOOL_ONLY_MEMBERS: readonly string[] = TOOL_ONLY_MEMBERS;

/** The tool's structured result: a created (or already existing) runtime, or the request a dry run would send. */
export const CreateAgentRuntimeOutputSchema = z.object({
  ...RESULT_SHAPE,
  createdAt: z.string().optional().describe("Creation time, ISO-8601."),
  status: AgentRuntimeStatusResultSchema.optional(),
  workloadIdentityDetails: z
    .object({ workloadIdentityArn: z.string().describe("Workload identity ARN.") })
    .optional()
    .describe("Identity the runtime acts as."),
  waited: WaitedSchema.optional(),
  dryRun: z
    .object({
      method: z.string().describe("HTTP method."),
      url: z.string().describe("Endpoint URL."),
      body: z.record(z.string(), z.unknown()).describe("Body, sensitive values redacted."),
    })
    .optional()
    .describe("dryRun only: the request that would be sent."),
  preflight: PreflightResultSchema.optional(),
});

type CreateOutput = z.infer<typeof CreateAgentRuntimeOutputSchema>;

function describeArtifact(request: CreateAgentRuntimeRequest): string {
  const artifact = request.agentRuntimeArtifact;
  if ("containerConfiguration" in artifact) return `container image ${artifact.containerConfiguration.containerUri}`;
  const { code, runtime, entryPoint } = artifact.codeConfiguration;
  return `${runtime} code from s3://${code.s3.bucket}/${code.s3.prefix} (entry point ${entryPoint.join(" ")})`;
}

/** The one paragraph a person reads before approving a creation. */
export function confirmationMessage(request: CreateAgentRuntimeRequest, region: string, sandbox: boolean): string {
  const account = accountOfArn(request.roleArn);
  return [
    `Create the ${sandbox ? "SANDBOX (local emulator, nothing in AWS) " : ""}AgentCore Runtime "${request.agentRuntimeName}"`,
    `in ${region}${account ? ` (account ${account}, from the role ARN)` : ""},`,
    `running ${describeArtifact(request)}`,
    `as role ${request.roleArn},`,
    `with ${request.networkConfiguration?.networkMode ?? "the default (PUBLIC)"} networking`,
    `and the ${request.protocolConfiguration?.serverProtocol ?? "default (HTTP)"} protocol?`,
    sandbox ? "" : "This creates a billable AWS resource.",
  ]
    .filter((part) => part !== "")
    .join(" ");
}

/**
 * A create refused as a conflict: look the name up, so the failure names the runtime that holds it
 * (the usual case after a lost answer and a repeat without the clientToken) instead of guessing.
 */
async function explainConflict(client: AgentCoreClient, failure: CallFailure, name: string, tool: ToolCall): Promise<never> {
  const { call } = tool;
  const lookup = await findRuntimeByName(client, name, call);
  if (lookup.kind !== "found") return tool.fail(failure);
  const existing = lookup.runtime;
  call.remember({
    agentRuntimeId: existing.agentRuntimeId,
    agentRuntimeArn: existing.agentRuntimeArn,
    agentRuntimeVersion: existing.agentRuntimeVersion,
  });
  // The summary has no creation time; one read gives it, and the current status, within the same budget.
  const read = await client.getAgentRuntime(existing.agentRuntimeId, undefined, { signal: call.signal });
  const status = read.ok ? read.value.status : existing.status;
  const createdAt = read.ok ? read.value.createdAt : undefined;
  const message = `${failure.message} The name "${name}" belongs to ${existing.agentRuntimeId} (status ${status}${createdAt === undefined ? "" : `, created ${createdAt}`}).`;
  return tool.fail({ ...failure, message }, { status, ...(createdAt === undefined ? {} : { createdAt }) });
}

/** The `create_agent_runtime` tool. */
export const createAgentRuntime = defineTool({
  name: "create_agent_runtime",
  title: "Create AgentCore Runtime",
  description: ({ sandbox }) =>
    [
      "Creates an Amazon Bedrock AgentCore Runtime (CreateAgentRuntime): a managed, session-isolated host for an agent or MCP server packaged as an ECR container image or a zip of code in S3.",
      "Arguments are the API's own members. Required: agentRuntimeName, agentRuntimeArtifact (exactly one of containerConfiguration or codeConfiguration) and roleArn.",
      `${sandbox ? "In this sandbox it creates the runtime in the local emulator, with nothing billed" : "Creates a billable AWS resource"}; use dryRun to preview the request first. The runtime starts in status CREATING and becomes READY within minutes: set waitForReadySeconds to wait for it here, or call get_agent_runtime later.`,
      "Idempotent per clientToken: repeating a call with the same clientToken returns the same runtime instead of a second one; a token is generated when omitted and returned.",
    ].join(" "),
  group: "create",
  // Idempotent only in the clientToken sense: the same token returns the same runtime.
  kind: "create",
  operation: "create",
  input: createAgentRuntimeInputSchema,
  output: CreateAgentRuntimeOutputSchema,
  async run(args, tool) {
    const { waitForReadySeconds = 0, dryRun = false, region: regionOverride, preflight, ignoreChecks, ...apiMembers } = args;
    const { call, deps } = tool;
    // The token comes first: from here on every result, even a failure, can name it.
    const clientToken = tool.clientToken(apiMembers.clientToken);
    call.remember({ agentRuntimeName: apiMembers.agentRuntimeName, ...(regionOverride === undefined ? {} : { region: regionOverride }) });
    const { client, region, endpoint } = await tool.connect(regionOverride);
    const request = { ...apiMembers, clientToken };
    const checks = await tool.preflight(request, { preflight, ignoreChecks, region });

    if (dryRun) {
      const url = new URL(endpoint.href);
      url.pathname = `${url.pathname.replace(/\/$/, "")}/runtimes/`;
      const body = redactedBody("CreateAgentRuntimeRequest", request);
      return tool.dryRun(
        ["DRY RUN: nothing was sent and nothing was created.", ...tool.wouldSend("PUT", url.href, body)],
        {
          dryRun: { method: "PUT", url: url.href, body },
          nextStep: "Call again without dryRun to create it (keep the same clientToken to make the call safe to repeat).",
        },
        checks,
      );
    }

    await tool.confirm({
      prompt: confirmationMessage(request, region, deps.sandbox),
      action: "creation",
      undone: "created",
      approves: "each creation",
      binding: { clientToken },
    });

    deps.log.info("creating agent runtime", { name: request.agentRuntimeName, region, sandbox: deps.sandbox });
    // A role created seconds ago may not be assumable yet: retried, same token, within the budget.
    const outcome = await retryWhileRolePropagates(() => client.createAgentRuntime(request, { signal: call.signal }), {
      remainingMs: () => call.remainingMs(),
      sleep: (ms) => call.sleep(ms),
      onPause: ({ retry, of, ms }) =>
        call.progress(retry, `AWS cannot assume ${request.roleArn} yet (IAM propagation): retry ${retry} of ${of} in ${ms / 1000} s`),
    });
    if (!outcome.ok) {
      deps.log.warn("create agent runtime failed", { code: outcome.failure.code, attempts: outcome.failure.attempts });
      if (outcome.failure.code === "ConflictException") return explainConflict(client, outcome.failure, request.agentRuntimeName, tool);
    }
    const created = await tool.send(outcome);
    call.remember({
      agentRuntimeId: created.agentRuntimeId,
      agentRuntimeArn: created.agentRuntimeArn,
      agentRuntimeVersion: created.agentRuntimeVersion,
    });
    const { agentRuntimeId } = created;
    const wait =
      waitForReadySeconds > 0 && created.status === "CREATING"
        ? await tool.wait({
            seconds: waitForReadySeconds,
            target: { client, agentRuntimeId },
            pollVersion: created.agentRuntimeVersion,
            label: agentRuntimeId,
            initialStatus: created.status,
            goal: "READY",
            ended: (status) => `runtime ${agentRuntimeId} ended in ${status}`,
            accepted: "Creation was accepted",
          })
        : undefined;
    const status = wait?.status ?? created.status;
    const nextStep =
      wait === undefined
        ? created.status === "CREATING"
          ? `It becomes usable when its status is READY, usually within minutes: call get_agent_runtime with agentRuntimeId ${agentRuntimeId}, or pass waitForReadySeconds next time.`
          : undefined
        : wait.nextStep;
    return tool.response.success(
      [
        `Created AgentCore Runtime ${agentRuntimeId} (version ${created.agentRuntimeVersion}) in ${region}: status ${status}.`,
        `ARN: ${created.agentRuntimeArn}`,
        `clientToken: ${clientToken} (repeat the call with it to get this runtime back, never a second one)`,
        wait === undefined ? undefined : `Waited ${wait.waited.seconds} s over ${wait.waited.polls} status reads.`,
        nextStep,
        ...checks.lines,
        deps.sandbox
          ? `Sandbox mode: this runtime exists only in the local emulator, not in AWS${deps.sandboxKept === true ? "." : ", and only until this server process ends (the operator keeps the sandbox with --sandbox-state FILE)."}`
          : undefined,
      ],
      {
        createdAt: created.createdAt,
        status,
        ...(created.workloadIdentityDetails ? { workloadIdentityDetails: created.workloadIdentityDetails } : {}),
        ...(wait === undefined ? {} : { waited: wait.waited }),
        ...(nextStep === undefined ? {} : { nextStep }),
        ...checks.structured,
      } satisfies CreateOutput,
    );
  },
});
