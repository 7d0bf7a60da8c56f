import * as z from "zod";
import type { CallContext } from "../call-context.js";
// The modules themselves, not the package index: the runner and its checks stay out of start-up.
import { decidePreflight } from "../preflight/decide.js";
import { formatPreflightReport } from "../preflight/format.js";
import type { PreflightInput } from "../preflight/input.js";
import { PREFLIGHT_CHECK_IDS, PreflightCheckSchema, type PreflightReport } from "../preflight/schemas.js";
import type { CallFailure } from "../agentcore/errors.js";
import { localFailure } from "./results.js";

/** Runs the pre-flight checks of one request; the app builds it (over the sandbox or AWS). */
export interface PreflightRunner {
  run(input: PreflightInput, context: { region: string; signal: AbortSignal }): Promise<PreflightReport>;
}

/** Tool arguments that steer the checks; never sent to AWS. */
export const PREFLIGHT_ARGUMENTS = {
  preflight: z
    .boolean()
    .optional()
    .describe("Tool option: run the pre-flight checks (role, image, code archive, VPC, JWT) before sending; default true. dryRun runs them too."),
  ignoreChecks: z
    .array(z.enum(PREFLIGHT_CHECK_IDS))
    .max(PREFLIGHT_CHECK_IDS.length)
    .optional()
    .describe("Tool option: failed checks to go ahead despite, by id (e.g. [\"image-architecture\"])."),
};

/** The checks' outcome as results show it. */
export const PreflightResultSchema = z
  .object({
    checks: z.array(PreflightCheckSchema).describe("Every check that applied, in a fixed order."),
    // Plain strings: the ids are listed once, in checks[].id, to keep tools/list small.
    blocking: z.array(z.string()).describe("Ids of the failed checks that stopped the request."),
    ignored: z.array(z.string()).describe("Ids of the failed checks passed over through ignoreChecks."),
  })
  .describe("Pre-flight checks run before the request.");

type PreflightResult = z.infer<typeof PreflightResultSchema>;

/** How the step ended: skipped, cleared (go on), or blocked / stopped with a failure to report. */
export type PreflightOutcome =
  | { kind: "skipped" }
  | { kind: "cleared"; result: PreflightResult; text: string }
  | { kind: "blocked"; result: PreflightResult; text: string; failure: CallFailure }
  | { kind: "stopped" };

/**
 * Runs the checks unless the caller or the operator turned them off, inside the call's budget and
 * cancellation. A failed check blocks the request unless it is named in `ignoreChecks`; a check that
 * could not run (unknown) never blocks.
 */
export async function runPreflightStep(
  runner: PreflightRunner | undefined,
  input: PreflightInput,
  call: CallContext,
  options: { enabled: boolean; ignoreChecks: readonly string[]; region: string },
): Promise<PreflightOutcome> {
  if (runner === undefined || !options.enabled) return { kind: "skipped" };
  let report: PreflightReport;
  try {
    report = await runner.run(input, { region: options.region, signal: call.signal });
  } catch (error) {
    if (call.signal.aborted) return { kind: "stopped" };
    throw error;
  }
  const decision = decidePreflight(report, options.ignoreChecks);
  const result: PreflightResult = {
    checks: report.checks,
    blocking: decision.blocking,
    ignored: decision.ignored,
  };
  const text = formatPreflightReport(report);
  if (decision.proceed) return { kind: "cleared", result, text };
  const count = decision.blocking.length;
  return {
    kind: "blocked",
    result,
    text,
    failure: localFailure("PreflightFailed", `${count} pre-flight check${count === 1 ? "" : "s"} failed (${decision.blocking.join(", ")}); nothing was sent`),
  };
}
