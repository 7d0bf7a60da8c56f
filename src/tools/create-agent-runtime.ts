import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import type { ControlPlane } from "../agentcore/control-plane.js";
import { AgentRuntimeStatusResultSchema, type CreateAgentRuntimeRequest, CreateAgentRuntimeRequestSchema } from "../agentcore/schemas.js";
import { readRoleAnswer, retryWhileRolePropagates } from "../agentcore/role-answers.js";
import { waitForSettled } from "../agentcore/wait.js";
import type { Logger } from "../log.js";
import { RegionArgumentSchema, waitSecondsArgument, accountOfArn } from "./arguments.js";
import { redactedBody } from "./redaction.js";
import type { AgentCoreClient } from "../agentcore/client.js";
import type { CallFailure } from "../agentcore/errors.js";
import type { CallContext } from "../call-context.js";
import { findRuntimeByName } from "./lookup.js";
import { RESULT_SHAPE, WaitedSchema, type ResultContext, explainStop, stoppedFailure, failureResult, localFailure, successResult, toIsoString } from "./results.js";
import { PREFLIGHT_ARGUMENTS, type PreflightRunner, PreflightResultSchema, runPreflightStep } from "./preflight-step.js";
import { defineTool, type ToolDefinition } from "./tool.js";

/** Members of the tool that are not API members: they steer the tool, and are never sent. */
const TOOL_ONLY_MEMBERS = ["waitForReadySeconds", "dryRun", "region", "preflight", "ignoreChecks"] as const;

/** Builds the tool's input: the API's members plus the tool-only ones, with the wait capped. */
export function createAgentRuntimeInputSchema(maxWaitSeconds: number) {
  return CreateAgentRuntimeRequestSchema.extend({
    waitForReadySeconds: waitSecondsArgument(
      maxWaitSeconds,
      `Tool option: wait up to this many seconds (0-${maxWaitSeconds}; default 0, return at once) for READY, with progress. If time runs out the result says CREATING: then call get_agent_runtime.`,
    ),
    dryRun: z
      .boolean()
      .optional()
      .describe("Tool option: only validate and return the exact request that would be sent (sensitive values redacted); nothing is created."),
    region: RegionArgumentSchema.optional(),
    ...PREFLIGHT_ARGUMENTS,
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

/** Dependencies of the tool, injected by the app. */
export interface CreateAgentRuntimeDeps {
  controlPlane: ControlPlane;
  sandbox: boolean;
  /** Sandbox mode: whether its state is kept in a file (else it ends with the process, and results say so). */
  sandboxKept?: boolean;
  /** Ask the person before creating (MCP elicitation). */
  confirm: boolean;
  maxWaitSeconds: number;
  newClientToken: () => string;
  log: Logger;
  /** The pre-flight checks; absent where they cannot run. */
  preflight?: PreflightRunner;
  /** Whether checks run when a call does not say (`--skip-preflight` turns them off). */
  preflightByDefault: boolean;
}

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
 * A create refused as a conflict: look the name up, so the result names the runtime that holds it
 * (the usual case after a lost answer and a repeat without the clientToken) instead of guessing.
 */
async function conflictResult(
  client: AgentCoreClient,
  failure: CallFailure,
  name: string,
  call: CallContext,
  context: () => ResultContext,
): Promise<CallToolResult> {
  const lookup = await findRuntimeByName(client, name, call);
  if (lookup.kind !== "found") return failureResult(failure, context());
  const existing = lookup.runtime;
  call.remember({
    agentRuntimeId: existing.agentRuntimeId,
    agentRuntimeArn: existing.agentRuntimeArn,
    agentRuntimeVersion: existing.agentRuntimeVersion,
  });
  // The summary has no creation time; one read gives it, and the current status, within the same budget.
  const read = await client.getAgentRuntime(existing.agentRuntimeId, undefined, { signal: call.signal });
  const status = read.ok ? read.value.status : existing.status;
  const createdAt = read.ok ? toIsoString(read.value.createdAt) : undefined;
  const message = `${failure.message} The name "${name}" belongs to ${existing.agentRuntimeId} (status ${status}${createdAt === undefined ? "" : `, created ${createdAt}`}).`;
  return failureResult({ ...failure, message }, context(), { status, ...(createdAt === undefined ? {} : { createdAt }) });
}

/** Builds the `create_agent_runtime` tool. */
export function createAgentRuntimeTool(deps: CreateAgentRuntimeDeps): ToolDefinition {
  const inputSchema = createAgentRuntimeInputSchema(deps.maxWaitSeconds);
  return defineTool({
    name: "create_agent_runtime",
    title: "Create AgentCore Runtime",
    description: [
      "Creates an Amazon Bedrock AgentCore Runtime (CreateAgentRuntime): a managed, session-isolated host for an agent or MCP server packaged as an ECR container image or a zip of code in S3.",
      "Arguments are the API's own members. Required: agentRuntimeName, agentRuntimeArtifact (exactly one of containerConfiguration or codeConfiguration) and roleArn.",
      `${deps.sandbox ? "In this sandbox it creates the runtime in the local emulator, with nothing billed" : "Creates a billable AWS resource"}; use dryRun to preview the request first. The runtime starts in status CREATING and becomes READY within minutes: set waitForReadySeconds to wait for it here, or call get_agent_runtime later.`,
      "Idempotent per clientToken: repeating a call with the same clientToken returns the same runtime instead of a second one; a token is generated when omitted and returned.",
    ].join(" "),
    inputSchema,
    outputSchema: CreateAgentRuntimeOutputSchema,
    annotations: {
      title: "Create AgentCore Runtime",
      readOnlyHint: false,
      destructiveHint: false,
      // Only in the clientToken sense: the same token returns the same runtime.
      idempotentHint: true,
      openWorldHint: true,
    },
    async handler(args, call): Promise<CallToolResult> {
      const { waitForReadySeconds = 0, dryRun = false, region: regionOverride, preflight, ignoreChecks = [], ...apiMembers } = args;
      // The token comes first: from here on every result, even a failure, can name it.
      const clientToken = apiMembers.clientToken ?? deps.newClientToken();
      call.remember({ clientToken, agentRuntimeName: apiMembers.agentRuntimeName, ...(regionOverride === undefined ? {} : { region: regionOverride }) });
      const context = (): ResultContext => ({ operation: "create", sandbox: deps.sandbox, identity: call.identity });
      const connection = await deps.controlPlane.connect(regionOverride);
      if (!connection.ok) return failureResult(connection.failure, context());
      const { client, region, endpoint } = connection.value;
      call.remember({ region });
      const request = { ...apiMembers, clientToken };

      const checks = await runPreflightStep(deps.preflight, request, call, { enabled: preflight ?? deps.preflightByDefault, ignoreChecks, region });
      if (checks.kind === "stopped") return failureResult(stoppedFailure(call, "the pre-flight checks"), context());
      if (checks.kind === "blocked") return failureResult(checks.failure, context(), { preflight: checks.result }, [checks.text]);
      const preflightPart = checks.kind === "cleared" ? { preflight: checks.result } : {};
      const preflightLines = checks.kind === "cleared" ? [checks.text] : [];

      if (dryRun) {
        const url = new URL(endpoint.href);
        url.pathname = `${url.pathname.replace(/\/$/, "")}/runtimes/`;
        const structured: CreateOutput = {
          ...call.identity,
          sandbox: deps.sandbox,
          dryRun: { method: "PUT", url: url.href, body: redactedBody("CreateAgentRuntimeRequest", request) },
          ...preflightPart,
          nextStep: "Call again without dryRun to create it (keep the same clientToken to make the call safe to repeat).",
        };
        const summary = [
          "DRY RUN: nothing was sent and nothing was created.",
          `Would send: PUT ${url.href}`,
          JSON.stringify(structured.dryRun?.body, null, 2),
          ...preflightLines,
        ];
        return successResult(summary.join("\n"), structured);
      }

      if (deps.confirm) {
        const answer = await call.confirm(confirmationMessage(request, region, deps.sandbox), { binding: { clientToken } });
        if (answer === "unsupported") {
          return failureResult(
            localFailure("ConfirmationUnavailable", "this server asks a person to approve each creation, but the client cannot show the prompt (MCP elicitation)"),
            context(),
          );
        }
        if (answer !== "accepted") return failureResult(localFailure("NotApproved", `nothing was created: the person ${answer} the creation`), context());
      }

      deps.log.info("creating agent runtime", { name: request.agentRuntimeName, region, sandbox: deps.sandbox });
      // A role created seconds ago may not be assumable yet: retried, same token, within the budget.
      const outcome = await retryWhileRolePropagates(() => client.createAgentRuntime(request, { signal: call.signal }), {
        remainingMs: () => call.remainingMs(),
        sleep: (ms) => call.sleep(ms),
        onPause: ({ retry, of, ms }) => call.progress(retry, `AWS cannot assume ${request.roleArn} yet (IAM propagation): retry ${retry} of ${of} in ${ms / 1000} s`),
      });
      if (!outcome.ok) {
        deps.log.warn("create agent runtime failed", { code: outcome.failure.code, attempts: outcome.failure.attempts });
        if (outcome.failure.code === "ConflictException") return conflictResult(client, outcome.failure, request.agentRuntimeName, call, context);
        return failureResult(explainStop(readRoleAnswer(outcome.failure), call), context());
      }
      const created = outcome.value;
      call.remember({
        agentRuntimeId: created.agentRuntimeId,
        agentRuntimeArn: created.agentRuntimeArn,
        agentRuntimeVersion: created.agentRuntimeVersion,
      });
      const structured: CreateOutput = {
        ...call.identity,
        createdAt: toIsoString(created.createdAt),
        status: created.status,
        ...(created.workloadIdentityDetails ? { workloadIdentityDetails: created.workloadIdentityDetails } : {}),
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
        sandbox: deps.sandbox,
        ...preflightPart,
      };

      if (waitForReadySeconds > 0 && created.status === "CREATING") {
        const wait = await waitForSettled({
          call,
          poll: (signal) => client.getAgentRuntime(created.agentRuntimeId, created.agentRuntimeVersion, { signal }),
          budgetMs: waitForReadySeconds * 1000,
          initialStatus: created.status,
          onProgress: (progress) =>
            call.progress(
              progress.elapsedMs / 1000,
              `${created.agentRuntimeId}: ${progress.status} after ${(progress.elapsedMs / 1000).toFixed(1)} s`,
            ),
        });
        deps.log.info("wait ended", { outcome: wait.kind, polls: wait.polls, elapsedMs: wait.elapsedMs });
        const waited = { seconds: Math.round(wait.elapsedMs / 100) / 10, polls: wait.polls, timedOut: wait.kind !== "settled" };
        structured.waited = waited;
        if (wait.kind === "failed") {
          // The runtime exists; a failed status read must not hide its identifiers.
          structured.nextStep = `Creation was accepted, but reading its status failed (${wait.outcome.failure.code}): call get_agent_runtime with agentRuntimeId ${created.agentRuntimeId}.`;
        } else if (wait.kind === "settled") {
          structured.status = wait.runtime.status;
          if (wait.runtime.status !== "READY") {
            return failureResult(
              {
                code: wait.runtime.status,
                message: `runtime ${created.agentRuntimeId} ended in ${wait.runtime.status}: ${wait.runtime.failureReason ?? "the service gave no reason"}`,
                retryable: false,
                attempts: 0,
              },
              context(),
              { status: wait.runtime.status, waited },
            );
          }
        } else {
          structured.nextStep = `Still ${wait.kind === "timed-out" ? wait.lastStatus : "unknown (wait cancelled)"} after ${waited.seconds} s: call get_agent_runtime with agentRuntimeId ${created.agentRuntimeId} to check again.`;
        }
      } else if (created.status === "CREATING") {
        structured.nextStep = `It becomes usable when its status is READY, usually within minutes: call get_agent_runtime with agentRuntimeId ${created.agentRuntimeId}, or pass waitForReadySeconds next time.`;
      }

      const summary = [
        `${deps.sandbox ? "[SANDBOX] " : ""}Created AgentCore Runtime ${created.agentRuntimeId} (version ${created.agentRuntimeVersion}) in ${region}: status ${structured.status}.`,
        `ARN: ${created.agentRuntimeArn}`,
        `clientToken: ${clientToken} (repeat the call with it to get this runtime back, never a second one)`,
        structured.waited ? `Waited ${structured.waited.seconds} s over ${structured.waited.polls} status reads.` : undefined,
        structured.nextStep,
        ...preflightLines,
        deps.sandbox ? `Sandbox mode: this runtime exists only in the local emulator, not in AWS${deps.sandboxKept === true ? "." : ", and only until this server process ends (the operator keeps the sandbox with --sandbox-state FILE)."}` : undefined,
      ].filter((line) => line !== undefined);
      return successResult(summary.join("\n"), structured);
    },
  });
}
