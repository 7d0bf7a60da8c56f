import { FIXTURE_ACCOUNT } from "./services/fixtures.js";

// What a newcomer to the sandbox needs to know about its account, as data: the names that work and
// the fault fixtures, each with the pre-flight check (or control-plane outcome) it demonstrates.
// The server turns it into its instructions and into the fixes its sandbox results show.

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
  const role = (name: string): string => `arn:aws:iam::${FIXTURE_ACCOUNT}:role/${name}`;
  const image = (repository: string): string => `${FIXTURE_ACCOUNT}.dkr.ecr.${region}.amazonaws.com/${repository}:latest`;
  return {
    account: FIXTURE_ACCOUNT,
    roleArn: role("AgentRuntimeRole"),
    containerUri: image("agent"),
    codeS3: { bucket: "agent-code-bucket", prefix: "agents/demo.zip" },
    vpc: { subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"], securityGroups: ["sg-0123456789abcdef0"] },
    demos: [
      { demonstrates: "role-trust", use: `roleArn ${role("LambdaOnlyRole")}`, what: "a role that trusts only Lambda" },
      { demonstrates: "role-pass", use: `roleArn ${role("NotPassableRole")}`, what: "a role the caller may not pass" },
      { demonstrates: "image-architecture", use: `containerUri ${image("amd64-agent")}`, what: "an amd64-only image" },
      { demonstrates: "code-archive", use: "codeConfiguration.code.s3 bucket agent-code-bucket, prefix agents/too-large.zip", what: "a 300 MB archive" },
      { demonstrates: "vpc-zones", use: "subnet subnet-0a1b2c3d4e5f60708", what: "a subnet in an unsupported zone" },
      { demonstrates: "vpc-subnets", use: "subnet subnet-0aaaabbbbccccdddd beside another", what: "subnets in two VPCs" },
      { demonstrates: "vpc-security-groups", use: "security group sg-0fedcba9876543210", what: "a security group of another VPC" },
      { demonstrates: "CREATE_FAILED", use: 'an agentRuntimeName starting with "fail"', what: "a creation that fails after CREATING" },
    ],
  };
}
