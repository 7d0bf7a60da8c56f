import type { PreflightReport } from "./schemas.js";

const MARK = { pass: "PASS", fail: "FAIL", unknown: "UNKNOWN" } as const;

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
}

/** The report as text for a tool result: one line per check, then the fix or the missing permission. */
export function formatPreflightReport(report: PreflightReport): string {
  if (report.checks.length === 0) return "Pre-flight: no check applies to this request.";
  const failed = report.checks.filter((check) => check.status === "fail").length;
  const lines = [`Pre-flight: ${report.checks.length} checks, ${failed} failed (${Math.round(report.durationMs)} ms).`];
  for (const check of report.checks) {
    lines.push(`  ${MARK[check.status]} ${check.id}: ${check.detail}`);
    if (check.fix !== undefined) lines.push(`    fix:\n${indent(check.fix)}`);
    if (check.permission !== undefined) lines.push(`    needs permission: ${check.permission}`);
  }
  return lines.join("\n");
}
