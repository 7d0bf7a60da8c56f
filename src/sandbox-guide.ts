// The sandbox account in words a model acts on: the names that work there and the fault fixtures
// that demonstrate each pre-flight failure. Used by the instructions and, in sandbox mode, to turn
// each failed check's AWS fix (create the repository, push the image…) into one that works there.
// Here rather than in the emulator's wing: the instructions need it at start-up, and the emulator
// loads only on the first call.
import type { PreflightCheckId, PreflightReport } from "./preflight/schemas.js";

/** The sandbox's account (the emulator's fixtures, src/emulator/services/fixtures.ts, are the authority; a test ties the two). */
const SANDBOX_ACCOUNT = "123456789012";

/** A fault fixture and what it demonstrates. */
export interface SandboxDemo {
  /** The pre-flight check id that fails with it, or the runtime status it ends in. */
  readonly demonstrates: string;
  /** The argument and value that trigger it. */
  readonly use: string;
  readonly what: string;
}

/** The sandbox account, for a region. */
export interface SandboxGuide {
  readonly account: string;
  /** A good role; any other name in the account is good too in the open account. */
  readonly roleArn: string;
  /** A good (arm64) image. */
  readonly containerUri: string;
  /** A good code archive. */
  readonly codeS3: { readonly bucket: string; readonly prefix: string };
  /** Two subnets of the main VPC in supported zones, and its security group. */
  readonly vpc: { readonly subnets: readonly string[]; readonly securityGroups: readonly string[] };
  readonly demos: readonly SandboxDemo[];
}

/** The guide to the sandbox account in `region`. */
export function sandboxGuide(region: string): SandboxGuide {
  const role = (name: string): string => `arn:aws:iam::${SANDBOX_ACCOUNT}:role/${name}`;
  const image = (repository: string): string => `${SANDBOX_ACCOUNT}.dkr.ecr.${region}.amazonaws.com/${repository}:latest`;
  return {
    account: SANDBOX_ACCOUNT,
    roleArn: role("AgentRuntimeRole"),
    containerUri: image("agent"),
    codeS3: { bucket: "agent-code-bucket", prefix: "agents/demo.zip" },
    vpc: { subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"], securityGroups: ["sg-0123456789abcdef0"] },
    demos: [
      { demonstrates: "role-trust", use: `roleArn ${role("LambdaOnlyRole")}`, what: "a role that trusts only Lambda" },
      { demonstrates: "role-pass", use: `roleArn ${role("NotPassableRole")}`, what: "a role the caller may not pass" },
      { demonstrates: "image-architecture", use: `containerUri ${image("amd64-agent")}`, what: "an amd64-only image" },
      {
        demonstrates: "code-archive",
        use: "codeConfiguration.code.s3 bucket agent-code-bucket, prefix agents/too-large.zip",
        what: "a 300 MB archive",
      },
      { demonstrates: "vpc-zones", use: "subnet subnet-0a1b2c3d4e5f60708", what: "a subnet in an unsupported zone" },
      { demonstrates: "vpc-subnets", use: "subnet subnet-0aaaabbbbccccdddd beside another", what: "subnets in two VPCs" },
      { demonstrates: "vpc-security-groups", use: "security group sg-0fedcba9876543210", what: "a security group of another VPC" },
      { demonstrates: "CREATE_FAILED", use: 'an agentRuntimeName starting with "fail"', what: "a creation that fails after CREATING" },
    ],
  };
}

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
