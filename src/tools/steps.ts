// The steps tools are made of, each written once: connect to a region, resolve the runtime a call
// names, send a request, run the pre-flight checks, ask for confirmation, show a dry run, wait for
// a settled status. A step that cannot go on throws ToolFailure; the pipeline reports it.
import * as z from "zod";
import type { AgentCoreClient, ControlPlane, RegionalClient } from "../agentcore/control-plane.js";
import type { CallOutcome } from "../agentcore/agentcore-client.js";
import type { CallFailure } from "../agentcore/errors.js";
import type { McpOverInvoke } from "../agentcore/mcp-over-invoke.js";
import { readRoleAnswer } from "../agentcore/role-answers.js";
import type { GetAgentRuntimeResponse } from "../agentcore/schemas.js";
import { type PolledStatus, waitForSettled } from "../agentcore/wait.js";
import type { CallContext, CallIdentity } from "../call-context.js";
import type { Logger } from "../log.js";
// The modules themselves, not the package index: the runner and its checks stay out of start-up.
import { decidePreflight } from "../preflight/decide.js";
import { formatPreflightReport } from "../preflight/format.js";
import type { PreflightInput } from "../preflight/input.js";
import { PreflightCheckSchema, type PreflightReport } from "../preflight/schemas.js";
import { type RuntimeRef, parseRuntimeRef, regionMismatch, resolveRuntimeId } from "./lookup.js";
import {
  type SummaryLine,
  type ToolResponse,
  type WaitedSchema,
  ToolFailure,
  explainStop,
  localFailure,
  stoppedFailure,
} from "./response.js";

/** Runs the pre-flight checks of one request; the app builds it (over the sandbox or AWS). */
export interface PreflightRunner {
  run(input: PreflightInput, context: { region: string; signal: AbortSignal }): Promise<PreflightReport>;
}

/** What invocations keep between calls: MCP sessions per runtime session, and the ARNs of runtimes named by id or name. */
export interface InvocationState {
  mcp: McpOverInvoke;
  /** `region id` → ARN, so a runtime is read once, not before every invocation; bounded by its user. */
  arns: Map<string, string>;
}

/** What the tools are given, once, by the app: the same for every call. */
export interface ToolDeps {
  controlPlane: ControlPlane;
  /** Whether the embedded emulator answers instead of AWS. */
  sandbox: boolean;
  /** Sandbox mode: whether its state is kept in a file (else it ends with the process, and results say so). */
  sandboxKept?: boolean;
  /** Ask the person before a create or change (`--confirm`); a destroy always asks. */
  confirm: boolean;
  maxWaitSeconds: number;
  newClientToken: () => string;
  log: Logger;
  /** The pre-flight checks; absent where they cannot run or the operator turned them off. */
  preflight?: PreflightRunner;
  /** Whether checks run when a call does not say (`--skip-preflight` turns them off). */
  preflightByDefault: boolean;
  invocations: InvocationState;
}

/** The checks' outcome as results show it. */
export const PreflightResultSchema = z
  .object({
    checks: z.array(PreflightCheckSchema).describe("Every check that applied, in a fixed order."),
    // Plain strings: the ids are listed once, in checks[].id, to keep tools/list small.
    blocking: z.array(z.string()).describe("Ids of the failed checks that stopped the request."),
    ignored: z.array(z.string()).describe("Ids of the failed checks passed over through ignoreChecks."),
  })
  .describe("Pre-flight checks run before the request.");

/** What a cleared (or skipped) pre-flight step adds to a result: a structured part and its report. */
export interface PreflightShown {
  structured: { preflight?: z.infer<typeof PreflightResultSchema> };
  lines: string[];
}

/** A runtime reference as a tool was given it, with the region it implies. */
export interface NotedTarget {
  ref: RuntimeRef;
  regionOverride: string | undefined;
}

/** The runtime a call acts on, reached: its region's client and its id (a name looked up). */
export interface RuntimeTarget {
  client: AgentCoreClient;
  region: string;
  agentRuntimeId: string;
}

/** How a wait went, in a tool result. */
export type Waited = z.infer<typeof WaitedSchema>;

/** What a wait step reports back to the tool. */
export interface WaitReport {
  waited: Waited;
  /** The status the runtime settled in (the goal), when it did. */
  status?: string;
  /** True once a deletion is seen through. */
  gone: boolean;
  /** What to do next, when the wait ended without an answer (time ran out, a read failed). */
  nextStep?: string;
}

/** What a tool says while and after waiting for one runtime. */
export interface WaitPlan {
  seconds: number;
  /** The runtime awaited, on the client that reached it. */
  target: Pick<RuntimeTarget, "client" | "agentRuntimeId">;
  /** The version polled; the latest when omitted. */
  pollVersion?: string;
  /** What is polled instead of the runtime (an endpoint of it); the check named in next steps goes with it. */
  poll?: { read: (signal: AbortSignal) => Promise<CallOutcome<PolledStatus>>; check: string };
  /** How progress names what is awaited, e.g. `my_agent-AbCdE12345 v2`. */
  label: string;
  initialStatus: string;
  /** READY for a create or change; gone for a deletion (ResourceNotFoundException is the goal). */
  goal: "READY" | "gone";
  /** How a settled status other than the goal is told, e.g. `runtime X ended in CREATE_FAILED`. */
  ended: (status: string) => string;
  /** The first words of the next step when a status read fails, e.g. "Creation was accepted". */
  accepted: string;
  /** Members the failure result carries when the runtime settled elsewhere than the goal. */
  extra?: Record<string, unknown>;
}

/** The words of a confirmation: what is asked, and how a refusal is told. */
export interface ConfirmPlan {
  prompt: string;
  /** "creation", "update", "deletion": the noun of the action in the refusal. */
  action: string;
  /** "created", "changed", "deleted": what did not happen. */
  undone: string;
  /** A destroy asks whatever `--confirm` says. */
  always?: boolean;
  /** The facts an approval holds to (a retry whose facts changed approves nothing); see {@link runtimeApproval}. */
  binding: Record<string, string | undefined>;
  /** What the server asks approval for, as the unsupported-prompt message names it. */
  approves: string;
  /**
   * When the client cannot show a prompt: the tool's own way to confirm (a destroy's confirmName);
   * without one the call stops with ConfirmationUnavailable.
   */
  unsupported?: () => void;
}

/**
 * What a person approves when asked about a runtime read just now: that very runtime (its id, not
 * its name, which a replacement can take over) at that version and update time, sent with that
 * clientToken. The retry reads the runtime again; an approval whose facts changed approves nothing.
 */
export function runtimeApproval(runtime: GetAgentRuntimeResponse, clientToken: string): Record<string, string | undefined> {
  return {
    agentRuntimeId: runtime.agentRuntimeId,
    agentRuntimeVersion: runtime.agentRuntimeVersion,
    lastUpdatedAt: runtime.lastUpdatedAt === undefined ? undefined : String(runtime.lastUpdatedAt),
    clientToken,
  };
}

/** Everything a tool's steps get: the call, the dependencies, the result builder and the shared steps. */
export interface ToolCall {
  readonly call: CallContext;
  readonly deps: ToolDeps;
  readonly response: ToolResponse;
  /** Stops the tool with this failure (a ToolFailure the pipeline reports). */
  fail(failure: CallFailure, extra?: Record<string, unknown>, details?: readonly string[]): never;
  /** The caller's clientToken, or a fresh one; recorded at once, so every result names it. */
  clientToken(given: string | undefined): string;
  /** The regional client of the call (the override, else the configured region); records the region. */
  connect(regionOverride: string | undefined): Promise<RegionalClient>;
  /**
   * Reads the runtime reference (id, ARN or name) and records it at once, so that any failure from
   * here on names the runtime the caller meant; sends nothing. An ARN sets the region unless the
   * region option is given.
   */
  noteTarget(reference: string, regionOption: string | undefined): NotedTarget;
  /** Connects to the noted runtime's region and turns a name into an id, recording what it learns. */
  reach(noted: NotedTarget): Promise<RuntimeTarget>;
  /** {@link noteTarget} and {@link reach} at once. */
  target(reference: string, regionOption: string | undefined): Promise<RuntimeTarget>;
  /** Reads the runtime's configuration (a version's, or the latest), recording its ARN, name and version. */
  read(target: RuntimeTarget, version?: string): Promise<GetAgentRuntimeResponse>;
  /**
   * Unwraps an AWS answer and records its request id, or stops the tool with its failure named
   * after why the call stopped (a cancel and a spent budget call for different next steps).
   */
  send<T>(request: CallOutcome<T> | Promise<CallOutcome<T>>, extra?: Record<string, unknown>): Promise<T>;
  /** Runs the pre-flight checks unless turned off; a failed check not ignored stops the tool. */
  preflight(
    input: PreflightInput,
    options: {
      preflight: boolean | undefined;
      ignoreChecks: readonly string[] | undefined;
      region: string;
      extra?: Record<string, unknown>;
    },
  ): Promise<PreflightShown>;
  /** Asks the person to approve, when the server or the kind asks for it; a refusal stops the tool. */
  confirm(plan: ConfirmPlan): Promise<void>;
  /** The lines of a dry run's request: the method, where it goes and the body, as sent. */
  wouldSend(method: string, target: string, body?: Record<string, unknown>): string[];
  /** A dry run's result, with the pre-flight part when the checks ran. */
  dryRun(lines: readonly SummaryLine[], structured: Record<string, unknown>, checks?: PreflightShown): ReturnType<ToolResponse["preview"]>;
  /** Waits for the runtime to settle, with progress; a settled status other than the goal stops the tool. */
  wait(plan: WaitPlan): Promise<WaitReport>;
}

/** Builds the steps of one call. */
export function createToolCall(deps: ToolDeps, call: CallContext, response: ToolResponse): ToolCall {
  const fail = (failure: CallFailure, extra?: Record<string, unknown>, details?: readonly string[]): never => {
    throw new ToolFailure(failure, extra, details);
  };

  const connect = async (regionOverride: string | undefined): Promise<RegionalClient> => {
    const connection = await deps.controlPlane.connect(regionOverride);
    if (!connection.ok) return fail(connection.failure);
    call.remember({ region: connection.value.region });
    return connection.value;
  };

  const noteTarget = (reference: string, regionOption: string | undefined): NotedTarget => {
    const ref = parseRuntimeRef(reference);
    const mismatch = regionMismatch(ref, regionOption);
    // An ARN sets the region unless the region option is given.
    const regionOverride = mismatch ? undefined : (regionOption ?? (ref.kind === "id" ? ref.region : undefined));
    call.remember({
      ...(ref.kind === "id" ? { agentRuntimeId: ref.agentRuntimeId } : { agentRuntimeName: ref.agentRuntimeName }),
      ...(regionOverride === undefined ? {} : { region: regionOverride }),
    } satisfies CallIdentity);
    if (mismatch) return fail(mismatch);
    return { ref, regionOverride };
  };

  const reach = async (noted: NotedTarget): Promise<RuntimeTarget> => {
    const { client, region } = await connect(noted.regionOverride);
    const resolved = await resolveRuntimeId(client, noted.ref, call);
    if (!resolved.ok) return fail(explainStop(resolved.failure, call));
    return { client, region, agentRuntimeId: resolved.agentRuntimeId };
  };

  return {
    call,
    deps,
    response,
    fail,
    clientToken(given) {
      const clientToken = given ?? deps.newClientToken();
      call.remember({ clientToken });
      return clientToken;
    },
    connect,
    noteTarget,
    reach,
    target: async (reference, regionOption) => reach(noteTarget(reference, regionOption)),
    async read(target, version) {
      const read = await target.client.getAgentRuntime(target.agentRuntimeId, version, { signal: call.signal });
      if (!read.ok) return fail(explainStop(read.failure, call));
      const runtime = read.value;
      response.noteRequestId(read.requestId);
      call.remember({
        agentRuntimeArn: runtime.agentRuntimeArn,
        agentRuntimeName: runtime.agentRuntimeName,
        agentRuntimeVersion: runtime.agentRuntimeVersion,
      });
      return runtime;
    },
    async send(request, extra) {
      const outcome = await request;
      // What AWS says about a request's role is read once, here, for every operation that sends one.
      if (!outcome.ok) return fail(explainStop(readRoleAnswer(outcome.failure), call), extra);
      response.noteRequestId(outcome.requestId);
      return outcome.value;
    },
    async preflight(input, options) {
      const skipped: PreflightShown = { structured: {}, lines: [] };
      if (deps.preflight === undefined || !(options.preflight ?? deps.preflightByDefault)) return skipped;
      let report: PreflightReport;
      try {
        report = await deps.preflight.run(input, { region: options.region, signal: call.signal });
      } catch (error) {
        if (call.signal.aborted) return fail(stoppedFailure(call, "the pre-flight checks"));
        throw error;
      }
      const decision = decidePreflight(report, options.ignoreChecks ?? []);
      const result = { checks: report.checks, blocking: decision.blocking, ignored: decision.ignored };
      const text = formatPreflightReport(report);
      if (!decision.proceed) {
        const count = decision.blocking.length;
        return fail(
          localFailure(
            "PreflightFailed",
            `${count} pre-flight check${count === 1 ? "" : "s"} failed (${decision.blocking.join(", ")}); nothing was sent`,
          ),
          { preflight: result, ...options.extra },
          [text],
        );
      }
      return { structured: { preflight: result }, lines: [text] };
    },
    async confirm(plan) {
      if (!plan.always && !deps.confirm) return;
      const answer = await call.confirm(plan.prompt, { binding: plan.binding });
      if (answer === "accepted") return;
      if (answer !== "unsupported")
        fail(localFailure("NotApproved", `nothing was ${plan.undone}: the person ${answer} the ${plan.action}`));
      else if (plan.unsupported) plan.unsupported();
      else
        fail(
          localFailure(
            "ConfirmationUnavailable",
            `this server asks a person to approve ${plan.approves}, but the client cannot show the prompt (MCP elicitation)`,
          ),
        );
    },
    wouldSend(method, target, body) {
      return [`Would send: ${method} ${target}`, ...(body === undefined ? [] : [JSON.stringify(body, null, 2)])];
    },
    dryRun(lines, structured, checks = { structured: {}, lines: [] }) {
      return response.preview([...lines, ...checks.lines], { ...structured, ...checks.structured });
    },
    async wait(plan) {
      const { client, agentRuntimeId } = plan.target;
      const wait = await waitForSettled({
        call,
        poll: plan.poll?.read ?? ((signal) => client.getAgentRuntime(agentRuntimeId, plan.pollVersion, { signal })),
        budgetMs: plan.seconds * 1000,
        initialStatus: plan.initialStatus,
        untilGone: plan.goal === "gone",
        onProgress: (progress) =>
          call.progress(progress.elapsedMs / 1000, `${plan.label}: ${progress.status} after ${(progress.elapsedMs / 1000).toFixed(1)} s`),
      });
      deps.log.info("wait ended", { outcome: wait.kind, polls: wait.polls, elapsedMs: wait.elapsedMs });
      const waited: Waited = {
        seconds: Math.round(wait.elapsedMs / 100) / 10,
        polls: wait.polls,
        timedOut: wait.kind !== "settled" && wait.kind !== "gone",
      };
      const gone = plan.goal === "gone";
      const check = plan.poll?.check ?? `call get_agent_runtime with agentRuntimeId ${agentRuntimeId}`;
      switch (wait.kind) {
        case "gone":
          return { waited, gone: true };
        case "settled": {
          const { status, failureReason } = wait.runtime;
          if (!gone && status === plan.goal) return { waited, status, gone: false };
          return fail(
            {
              code: status,
              message: `${plan.ended(status)}: ${failureReason ?? "the service gave no reason"}`,
              retryable: false,
              attempts: 0,
            },
            { status, waited, ...plan.extra },
          );
        }
        case "failed":
          return {
            waited,
            gone: false,
            nextStep: `${plan.accepted}, but reading its status failed (${wait.outcome.failure.code}): ${check}${gone ? "; ResourceNotFoundException means it is gone." : "."}`,
          };
        default: {
          const still = gone ? "deleting" : wait.kind === "timed-out" ? wait.lastStatus : "unknown (wait cancelled)";
          const then = gone ? `${check}; ResourceNotFoundException means it is gone.` : `${check} to check again.`;
          return { waited, gone: false, nextStep: `Still ${still} after ${waited.seconds} s: ${then}` };
        }
      }
    },
  };
}
