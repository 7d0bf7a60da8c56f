import type { PreflightDecision, PreflightReport } from "./schemas.js";

/** Which failed checks block the request; a failure named in `ignoreChecks` does not. `unknown` never blocks. */
export function decidePreflight(report: PreflightReport, ignoreChecks: readonly string[]): PreflightDecision {
  const ignore = new Set(ignoreChecks);
  const failed = report.checks.filter((check) => check.status === "fail");
  const blocking = failed.filter((check) => !ignore.has(check.id)).map((check) => check.id);
  const ignored = failed.filter((check) => ignore.has(check.id)).map((check) => check.id);
  return { proceed: blocking.length === 0, blocking, ignored };
}
