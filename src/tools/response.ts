import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import type { ArgumentProblem } from "../agentcore/argument-errors.js";
import type { CallFailure } from "../agentcore/errors.js";
import type { CallContext, CallIdentity } from "../call-context.js";
import { type RemedyFacts, type ToolOperation, remedyFor } from "./remedies.js";

/** The structured part of a failure: enough for a model to branch on without reading the text. */
export const ToolErrorSchema = z
  .object({
    code: z.string().describe("Error name (AWS's or this server's)."),
    message: z.string().describe("What went wrong."),
    httpStatus: z.number().int().optional().describe("HTTP status."),
    requestId: z.string().optional().describe("AWS request id."),
    retryable: z.boolean().describe("May succeed if repeated."),
    attempts: z.number().int().describe("Requests sent."),
    reason: z.string().optional().describe("AWS reason code."),
    fields: z
      .array(z.object({ name: z.string().describe("Argument path."), message: z.string().describe("Its problem.") }))
      .optional()
      .describe("Arguments at fault."),
  })
  .describe("On failure.");

/**
 * Members every tool result carries, success or failure: the identity of what the call acted on,
 * whether the sandbox answered, the next step and, on failure, the error. Tools add their own.
 * Descriptions stay short: every tool's output schema repeats them in tools/list.
 */
export const RESULT_SHAPE = {
  clientToken: z.string().optional().describe("Idempotency key: a repeat acts once."),
  region: z.string().optional().describe("AWS region."),
  agentRuntimeId: z.string().optional().describe("Runtime id."),
  agentRuntimeArn: z.string().optional().describe("Runtime ARN."),
  agentRuntimeName: z.string().optional().describe("Runtime name."),
  agentRuntimeVersion: z.string().optional().describe("Runtime version."),
  requestId: z.string().optional().describe("AWS request id."),
  sandbox: z.boolean().optional().describe("True if the sandbox answered."),
  nextStep: z.string().optional().describe("What to do next."),
  error: ToolErrorSchema.optional(),
};

/** How a wait for a settled status went; shared by the tools that wait. */
export const WaitedSchema = z
  .object({
    seconds: z.number().describe("Seconds waited."),
    polls: z.number().int().describe("Status reads made."),
    timedOut: z.boolean().describe("True if still not settled."),
  })
  .describe("Set when the call waited.");

/** Where a failure was produced: which operation, in which mode, knowing what. */
interface FailureContext {
  operation: ToolOperation;
  sandbox: boolean;
  identity: Readonly<CallIdentity>;
  /** Extra facts for the remedy (the version asked for, ...). */
  facts?: Omit<RemedyFacts, "identity">;
}

function identityLines(identity: Readonly<CallIdentity>): string[] {
  const parts = [
    identity.agentRuntimeId === undefined ? undefined : `agentRuntimeId ${identity.agentRuntimeId}`,
    identity.agentRuntimeArn === undefined ? undefined : `ARN ${identity.agentRuntimeArn}`,
    identity.region === undefined ? undefined : `region ${identity.region}`,
  ].filter((part) => part !== undefined);
  return [
    ...(parts.length > 0 ? [`Runtime: ${parts.join(" · ")}`] : []),
    ...(identity.clientToken === undefined ? [] : [`clientToken: ${identity.clientToken}`]),
  ];
}

/** A success: the summary for people, the structured content for programs. */
function successResult(summary: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: summary }], structuredContent: structured };
}

/**
 * An expected failure as a tool result. The first line starts with the error code so a model can
 * branch on it; then what was sent, the fields, the identity of the call (so a repeat can reuse the
 * clientToken), and one next step. The structured part holds the same, valid against the output schema.
 */
function failureResult(
  failure: CallFailure,
  context: FailureContext,
  extra: Record<string, unknown> = {},
  /** More to read before the next step (e.g. the pre-flight report). */
  details: readonly string[] = [],
): CallToolResult {
  const { identity } = context;
  const fromService = failure.status !== undefined;
  const facts =
    failure.attempts === 0 && !fromService
      ? []
      : [
          [
            failure.status === undefined ? undefined : `HTTP ${failure.status}`,
            failure.requestId === undefined ? undefined : `request id ${failure.requestId}`,
            failure.reason === undefined ? undefined : `reason: ${failure.reason}`,
            `retryable: ${failure.retryable ? "yes" : "no"}`,
            `attempts: ${failure.attempts}`,
          ]
            .filter((fact) => fact !== undefined)
            .join(" · "),
        ];
  const nextStep = remedyFor(context.operation, failure.code, {
    identity,
    ...context.facts,
    ...(failure.reason === undefined ? {} : { reason: failure.reason }),
  });
  const lines = [
    `${failure.code}: ${failure.message}`,
    ...facts,
    ...(failure.fieldList ? ["Fields:", ...failure.fieldList.map((field) => `- ${field.name}: ${field.message}`)] : []),
    ...details,
    ...identityLines(identity),
    `Next step: ${nextStep}`,
    ...(context.sandbox && fromService ? ["(sandbox: this answer came from the local emulator, not AWS)"] : []),
  ];
  const structured = {
    ...identity,
    ...extra,
    sandbox: context.sandbox,
    nextStep,
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure.status === undefined ? {} : { httpStatus: failure.status }),
      ...(failure.requestId === undefined ? {} : { requestId: failure.requestId }),
      retryable: failure.retryable,
      attempts: failure.attempts,
      ...(failure.fieldList ? { fields: failure.fieldList } : {}),
      ...(failure.reason === undefined ? {} : { reason: failure.reason }),
    },
  };
  return { content: [{ type: "text", text: lines.join("\n") }], structuredContent: structured, isError: true };
}

/**
 * Names a failure after why the call stopped: the client sees an aborted request either way, but a
 * cancel and a spent budget call for different next steps.
 */
export function explainStop(failure: CallFailure, call: CallContext): CallFailure {
  const reason = call.stopReason();
  if (reason === "deadline" && (failure.code === "Cancelled" || failure.code === "TimeoutError")) {
    return {
      ...failure,
      code: "DeadlineExceeded",
      message: "the call's time budget (--deadline-ms) ran out before an answer came",
      retryable: true,
    };
  }
  if (reason === "cancelled" && failure.code !== "Cancelled")
    return { ...failure, code: "Cancelled", message: "the client cancelled the call", retryable: true };
  return failure;
}

/** The failure to report when a call stopped (cancel or budget) in a step of our own. */
export function stoppedFailure(call: CallContext, during: string): CallFailure {
  return explainStop({ code: "Cancelled", message: `the call stopped during ${during}`, retryable: true, attempts: 0 }, call);
}

/** A failure of our own making (nothing sent): a code and a message. */
export function localFailure(code: string, message: string): CallFailure {
  return { code, message, retryable: false, attempts: 0 };
}

/** How a list of names reads in a sentence: "a", "a and b", "a, b and c". */
function inWords(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}

/**
 * Arguments rejected locally: every offending field, and proof nothing was sent. The first line
 * states the first problem itself, so a model that reads one line still learns what to fix.
 */
export function invalidArgumentsResult(
  problems: readonly ArgumentProblem[],
  identity: Readonly<CallIdentity>,
  toolName: string,
): CallToolResult {
  const [first] = problems;
  const headline = first === undefined ? "the arguments do not fit the input schema" : `${first.path} ${first.constraint}`;
  const message = problems.length > 1 ? `${headline} (1 of ${problems.length} problems, all listed below)` : headline;
  const paths = [...new Set(problems.map((problem) => problem.path))];
  const nextStep = `Fix ${paths.length > 0 ? inWords(paths) : "the arguments"}, then call ${toolName} again (its input schema states every constraint).`;
  const lines = [
    `InvalidArguments: ${message}`,
    "Nothing was sent to AWS.",
    ...(problems.length > 1 ? problems.map((problem) => `- ${problem.path}: ${problem.constraint}`) : []),
    ...identityLines(identity),
    `Next step: ${nextStep}`,
  ];
  return {
    content: [{ type: "text", text: lines.join("\n") }],
    structuredContent: {
      ...identity,
      nextStep,
      error: {
        code: "InvalidArguments",
        message: `${message}; nothing was sent`,
        retryable: false,
        attempts: 0,
        fields: problems.map((problem) => ({ name: problem.path, message: problem.constraint })),
      },
    },
    isError: true,
  };
}

/**
 * The one failure type of a tool's steps: thrown where the call cannot go on, caught once by the
 * pipeline, which turns it into the failure result. Bugs stay ordinary exceptions.
 */
export class ToolFailure extends Error {
  override readonly name = "ToolFailure";
  constructor(
    readonly failure: CallFailure,
    /** Members the failure result carries besides the identity (what was found out before it failed). */
    readonly extra: Record<string, unknown> = {},
    /** More to read before the next step (e.g. the pre-flight report). */
    readonly details: readonly string[] = [],
  ) {
    super(failure.message);
  }
}

/** A line of a summary; undefined lines are left out. */
export type SummaryLine = string | undefined;

/**
 * The result builder of one call: it knows the operation, whether the sandbox answers, the call's
 * identity and the request id of the last AWS answer, so that no tool spreads them by hand.
 */
export interface ToolResponse {
  readonly sandbox: boolean;
  /** Records the request id of the AWS answer a success reports (the last one sent wins). */
  noteRequestId(requestId: string | undefined): void;
  /** Facts the remedy of a failure may mention (the version asked for, ...). */
  noteFacts(facts: Omit<RemedyFacts, "identity">): void;
  /**
   * A success: the first line marked `[SANDBOX]` in sandbox mode; the structured part with the
   * identity, the request id and the sandbox flag added.
   */
  success(lines: readonly SummaryLine[], structured: Record<string, unknown>): CallToolResult;
  /** The result of a dry run: nothing was sent, so no marker and no request id. */
  preview(lines: readonly SummaryLine[], structured: Record<string, unknown>): CallToolResult;
  /** An expected failure as a result, with the remedy of this operation. */
  failure(failure: CallFailure, extra?: Record<string, unknown>, details?: readonly string[]): CallToolResult;
  /** Arguments (or a configuration built from them) that break the input's rules; nothing was sent. */
  invalid(problems: readonly ArgumentProblem[], toolName: string): CallToolResult;
}

/** Builds the result builder of one call. */
export function createToolResponse(options: { operation: ToolOperation; sandbox: boolean; call: CallContext }): ToolResponse {
  const { operation, sandbox, call } = options;
  let requestId: string | undefined;
  let facts: Omit<RemedyFacts, "identity"> = {};
  const text = (lines: readonly SummaryLine[]): string => lines.filter((line) => line !== undefined).join("\n");
  return {
    sandbox,
    noteRequestId(id) {
      requestId = id;
    },
    noteFacts(more) {
      facts = { ...facts, ...more };
    },
    success(lines, structured) {
      const [first, ...rest] = lines;
      const marked = sandbox && first !== undefined ? `[SANDBOX] ${first}` : first;
      return successResult(text([marked, ...rest]), {
        ...call.identity,
        ...structured,
        ...(requestId === undefined ? {} : { requestId }),
        sandbox,
      });
    },
    preview(lines, structured) {
      return successResult(text(lines), { ...call.identity, sandbox, ...structured });
    },
    failure(failure, extra = {}, details = []) {
      return failureResult(failure, { operation, sandbox, identity: call.identity, facts }, extra, details);
    },
    invalid(problems, toolName) {
      return invalidArgumentsResult(problems, call.identity, toolName);
    },
  };
}
