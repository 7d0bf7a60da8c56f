// The sandbox account in words a model acts on: the names that work there and the fault fixtures
// that demonstrate each pre-flight failure. Used by the instructions and, in sandbox mode, to turn
// each failed check's AWS fix (create the repository, push the image…) into one that works there.
import type { SandboxGuide } from "./emulator/sandbox-guide.js";
import type { PreflightCheckId, PreflightReport } from "./preflight/schemas.js";

/** What to do instead, in the sandbox, for a check that failed. */
function sandboxFix(id: PreflightCheckId, guide: SandboxGuide): string | undefined {
  const demo = guide.demos.find((item) => item.demonstrates === id);
  const because = demo === undefined ? "" : ` (${demo.use} is the sandbox fixture that demonstrates this failure)`;
  const anyName = `any other name in account ${guide.account} exists in the sandbox as a good one`;
  switch (id) {
    case "role-exists":
    case "role-trust":
    case "role-pass":
      return `In the sandbox${because}: set roleArn to ${guide.roleArn}; ${anyName}.`;
    case "image-exists":
    case "image-architecture":
      return `In the sandbox${because}: set agentRuntimeArtifact.containerConfiguration.containerUri to ${guide.containerUri}; ${anyName} (an arm64 image).`;
    case "code-archive":
      return `In the sandbox${because}: use bucket ${guide.codeS3.bucket} with prefix ${guide.codeS3.prefix}; ${anyName} (a small zip).`;
    case "vpc-subnets":
    case "vpc-security-groups":
    case "vpc-zones":
      return `In the sandbox${because}: use subnets ${guide.vpc.subnets.join(" and ")} with security group ${guide.vpc.securityGroups.join(", ")}; made-up ids exist too, in the main VPC and supported zones.`;
    case "jwt-discovery":
      return undefined;
  }
}

/** The report with each failed check's fix replaced by what works in the sandbox. */
export function withSandboxFixes(report: PreflightReport, guide: SandboxGuide): PreflightReport {
  return {
    ...report,
    checks: report.checks.map((check) => {
      const fix = check.status === "fail" ? sandboxFix(check.id, guide) : undefined;
      return fix === undefined ? check : { ...check, fix };
    }),
  };
}

/** The lines of the instructions that describe the sandbox account. */
export function sandboxAccountLines(guide: SandboxGuide): string[] {
  return [
    `The sandbox account is ${guide.account}. Every role, ECR image, S3 object, subnet and security group you name there exists as a good one (a role that trusts the service and may be passed, an arm64 image, a small zip, subnets in supported zones), for example roleArn ${guide.roleArn} and containerUri ${guide.containerUri}.`,
    `Except these fixtures, which demonstrate failures: ${guide.demos.map((demo) => `${demo.use} → ${demo.demonstrates} (${demo.what})`).join("; ")}.`,
  ];
}
