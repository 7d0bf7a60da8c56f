import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ArgumentProblem } from "../agentcore/argument-errors.js";
import { type CallFailure, remedyFor } from "../agentcore/errors.js";

/** A success with structured content and its short human summary. */
export function successResult(summary: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: summary }], structuredContent: structured };
}

/**
 * An expected failure as a tool result. The first line starts with the error code so a model (or
 * a person) can branch on it; then status, request id, whether retrying helps, and the next step.
 */
export function failureResult(failure: CallFailure, context: { sandbox: boolean }): CallToolResult {
  const facts = [
    failure.status === undefined ? undefined : `HTTP ${failure.status}`,
    failure.requestId === undefined ? undefined : `request id ${failure.requestId}`,
    `retryable: ${failure.retryable ? "yes" : "no"}`,
    `attempts: ${failure.attempts}`,
  ].filter((fact) => fact !== undefined);
  const lines = [`${failure.code}: ${failure.message}`, facts.join(" · ")];
  if (failure.fieldList) {
    lines.push("Fields:", ...failure.fieldList.map((field) => `- ${field.name}: ${field.message}`));
  }
  lines.push(`Next step: ${remedyFor(failure.code)}`);
  if (context.sandbox) lines.push("(sandbox: this answer came from the local emulator, not AWS)");
  return { content: [{ type: "text", text: lines.join("\n") }], isError: true };
}

/** Arguments rejected locally: every offending field, and proof nothing was sent. */
export function invalidArgumentsResult(problems: readonly ArgumentProblem[]): CallToolResult {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = [
    `InvalidArguments: ${count} with the arguments; nothing was sent to AWS.`,
    ...problems.map((problem) => `- ${problem.path}: ${problem.constraint}`),
    "Next step: fix these fields (the tool's input schema lists every constraint) and call again.",
  ];
  return { content: [{ type: "text", text: lines.join("\n") }], isError: true };
}

/** A service timestamp as ISO-8601: restJson1 sends ISO strings, some services epoch seconds. */
export function toIsoString(value: string | number): string {
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}
