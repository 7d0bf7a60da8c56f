import { z } from "zod";

/** Every check the pre-flight step knows, in the order reports list them. */
export const PREFLIGHT_CHECK_IDS = [
  "role-exists",
  "role-trust",
  "role-pass",
  "image-exists",
  "image-architecture",
  "code-archive",
  "vpc-subnets",
  "vpc-security-groups",
  "vpc-zones",
  "jwt-discovery",
] as const;

/** The name of one pre-flight check. */
export type PreflightCheckId = (typeof PREFLIGHT_CHECK_IDS)[number];

/** The outcome of one pre-flight check. */
export const PreflightCheckSchema = z
  .object({
    id: z.enum(PREFLIGHT_CHECK_IDS).describe("Check id; pass it in ignoreChecks to go ahead despite a failure."),
    status: z.enum(["pass", "fail", "unknown"]).describe("pass, fail (the request would fail for this reason) or unknown (could not run)."),
    detail: z.string().describe("What the check found."),
    fix: z.string().optional().describe("How to fix a failure, e.g. the statement to add."),
    permission: z.string().optional().describe("IAM action the caller lacks, when access was denied."),
    durationMs: z.number().nonnegative().describe("Milliseconds from the run's start to this outcome."),
  })
  .describe("One pre-flight check and its outcome.");

/** The outcome of one pre-flight check. */
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>;

/** Everything one pre-flight run found. */
export const PreflightReportSchema = z
  .object({
    checks: z.array(PreflightCheckSchema).describe("Each check that applied to the request, in a fixed order."),
    durationMs: z.number().nonnegative().describe("Milliseconds the whole run took; the checks run concurrently."),
  })
  .describe("The pre-flight checks run before a create or update request is sent.");

/** Everything one pre-flight run found. */
export type PreflightReport = z.infer<typeof PreflightReportSchema>;

/** Whether a report lets the create or update go ahead. */
export const PreflightDecisionSchema = z
  .object({
    proceed: z.boolean().describe("True when no failed check blocks the request."),
    blocking: z.array(z.enum(PREFLIGHT_CHECK_IDS)).describe("Failed checks that stop the request."),
    ignored: z.array(z.enum(PREFLIGHT_CHECK_IDS)).describe("Failed checks the caller chose to ignore by name."),
  })
  .describe("What the pre-flight report means for the request.");

/** Whether a report lets the create or update go ahead. */
export type PreflightDecision = z.infer<typeof PreflightDecisionSchema>;
