import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { PreflightCheckId, PreflightInput } from "../../src/preflight/index.js";
import { CODE_INPUT, GOOD_INPUT, RESTRICTED_CREDENTIALS, check, preflightFor, runIn, startServicesEmulator } from "../helpers/preflight.js";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startServicesEmulator();
});
afterAll(() => emulator.close());

const ACCOUNT = "123456789012";
const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const image = (repositoryAndTag: string): PreflightInput["agentRuntimeArtifact"] => ({
  containerConfiguration: { containerUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/${repositoryAndTag}` },
});
const code = (prefix: string, versionId?: string): PreflightInput["agentRuntimeArtifact"] => ({
  codeConfiguration: { code: { s3: { bucket: "agent-code-bucket", prefix, ...(versionId === undefined ? {} : { versionId }) } } },
});
const vpc = (subnets: string[], securityGroups: string[]): PreflightInput["networkConfiguration"] => ({
  networkMode: "VPC",
  networkModeConfig: { subnets, securityGroups },
});

async function outcome(input: PreflightInput, id: PreflightCheckId, restricted = false) {
  const report = await runIn(preflightFor(emulator, restricted ? RESTRICTED_CREDENTIALS : undefined), input);
  return check(report, id);
}

describe("every check passes on the sandbox's good fixtures", () => {
  it("reports pass for each check of a container request and of a code request", async () => {
    const report = await runIn(preflightFor(emulator), GOOD_INPUT);
    expect(report.checks.map((item) => [item.id, item.status])).toEqual([
      ["role-exists", "pass"],
      ["role-trust", "pass"],
      ["role-pass", "pass"],
      ["image-exists", "pass"],
      ["image-architecture", "pass"],
      ["vpc-subnets", "pass"],
      ["vpc-security-groups", "pass"],
      ["vpc-zones", "pass"],
      ["jwt-discovery", "pass"],
    ]);
    const codeReport = await runIn(preflightFor(emulator), CODE_INPUT);
    expect(check(codeReport, "code-archive").status).toBe("pass");
  });

  it("signs every call it makes so that the emulator's verifier accepts it", () => {
    const calls = emulator.requests.filter((request) => request.operation?.includes(":") === true);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((request) => !request.signatureValid)).toEqual([]);
  });
});

describe("role checks", () => {
  it("role-exists fails for a missing role with the trust statement to create it", async () => {
    const result = await outcome({ roleArn: role("MissingRole") }, "role-exists");
    expect(result.status).toBe("fail");
    expect(result.fix).toContain("Create the role MissingRole");
    expect(result.fix).toContain('"Service": "bedrock-agentcore.amazonaws.com"');
  });

  it("role-trust fails for a role that trusts only Lambda, and the fix is the statement to add", async () => {
    const result = await outcome({ roleArn: role("LambdaOnlyRole") }, "role-trust");
    expect(result.status).toBe("fail");
    const statement: unknown = JSON.parse((result.fix ?? "").slice((result.fix ?? "").indexOf("{")));
    expect(statement).toEqual({
      Effect: "Allow",
      Principal: { Service: "bedrock-agentcore.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": ACCOUNT },
        ArnLike: { "aws:SourceArn": `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT}:*` },
      },
    });
  });

  it("role-pass fails when the simulation denies iam:PassRole, with the policy statement to grant it", async () => {
    const result = await outcome({ roleArn: role("NotPassableRole") }, "role-pass");
    expect(result.status).toBe("fail");
    expect(result.detail).toContain("implicitDeny");
    expect(result.fix).toContain('"Action": "iam:PassRole"');
    expect(result.fix).toContain(role("NotPassableRole"));
  });

  it("each role check is unknown for a caller denied IAM, naming the permission", async () => {
    const report = await runIn(preflightFor(emulator, RESTRICTED_CREDENTIALS), { roleArn: role("AgentRuntimeRole") });
    expect(report.checks.map((item) => [item.id, item.status, item.permission])).toEqual([
      ["role-exists", "unknown", "iam:GetRole"],
      ["role-trust", "unknown", "iam:GetRole"],
      ["role-pass", "unknown", "iam:SimulatePrincipalPolicy"],
    ]);
  });
});

describe("image checks", () => {
  it("image-exists fails for a missing tag and for a missing repository, each with its fix", async () => {
    const tag = await outcome({ agentRuntimeArtifact: image("agent:no-such-tag") }, "image-exists");
    expect(tag.status).toBe("fail");
    expect(tag.detail).toContain("ImageNotFound");
    expect(tag.fix).toContain("--platform linux/arm64");
    const repository = await outcome({ agentRuntimeArtifact: image("no-such-repo:latest") }, "image-exists");
    expect(repository.status).toBe("fail");
    expect(repository.fix).toContain("aws ecr create-repository --repository-name no-such-repo --region us-east-1");
  });

  it("image-architecture fails for an amd64-only image index, naming what it provides", async () => {
    const result = await outcome({ agentRuntimeArtifact: image("amd64-agent:latest") }, "image-architecture");
    expect(result.status).toBe("fail");
    expect(result.detail).toContain("linux/amd64");
    expect(result.fix).toContain("docker buildx build --platform linux/arm64");
  });

  it("image-architecture is unknown for a single-platform manifest, whose architecture sits in the config", async () => {
    const result = await outcome({ agentRuntimeArtifact: image("seed-agent:1.0.0") }, "image-architecture");
    expect(result.status).toBe("unknown");
    expect(result.detail).toContain("single-platform manifest");
  });

  it("both image checks are unknown for a caller denied ECR, naming ecr:BatchGetImage", async () => {
    const report = await runIn(preflightFor(emulator, RESTRICTED_CREDENTIALS), { agentRuntimeArtifact: image("agent:latest") });
    expect(report.checks.map((item) => [item.id, item.status, item.permission])).toEqual([
      ["image-exists", "unknown", "ecr:BatchGetImage"],
      ["image-architecture", "unknown", "ecr:BatchGetImage"],
    ]);
  });
});

describe("code-archive", () => {
  it("fails for an archive over 250 MB and for a missing object or version", async () => {
    const large = await outcome({ agentRuntimeArtifact: code("agents/too-large.zip") }, "code-archive");
    expect(large.status).toBe("fail");
    expect(large.detail).toContain(String(300 * 1024 * 1024));
    expect(large.fix).toContain("Shrink the archive");
    const missing = await outcome({ agentRuntimeArtifact: code("agents/missing.zip") }, "code-archive");
    expect(missing.status).toBe("fail");
    expect(missing.fix).toContain("aws s3 cp agent.zip s3://agent-code-bucket/agents/missing.zip");
    const version = await outcome({ agentRuntimeArtifact: code("agents/code.zip", "v999") }, "code-archive");
    expect(version.status).toBe("fail");
  });

  it("is unknown for a caller denied S3, naming the permission", async () => {
    expect(await outcome({ agentRuntimeArtifact: code("agents/code.zip") }, "code-archive", true)).toMatchObject({
      status: "unknown",
      permission: "s3:GetObject",
    });
    expect(await outcome({ agentRuntimeArtifact: code("agents/code.zip", "v123") }, "code-archive", true)).toMatchObject({
      status: "unknown",
      permission: "s3:GetObjectVersion",
    });
  });
});

describe("VPC checks", () => {
  it("vpc-subnets fails for subnets in two VPCs and for a subnet that does not exist", async () => {
    const split = await outcome(
      { networkConfiguration: vpc(["subnet-0123456789abcdef0", "subnet-0aaaabbbbccccdddd"], ["sg-0123456789abcdef0"]) },
      "vpc-subnets",
    );
    expect(split.status).toBe("fail");
    expect(split.detail).toContain("2 VPCs");
    expect(split.fix).toContain("one VPC");
    const missing = await outcome(
      { networkConfiguration: vpc(["subnet-0123456789abcdef0", "subnet-0000000000000dead"], ["sg-0123456789abcdef0"]) },
      "vpc-subnets",
    );
    expect(missing).toMatchObject({ status: "fail" });
    expect(missing.detail).toContain("subnet-0000000000000dead");
    expect(missing.detail).not.toContain("subnet-0123456789abcdef0");
  });

  it("vpc-security-groups fails for a group of another VPC", async () => {
    const result = await outcome(
      { networkConfiguration: vpc(["subnet-0123456789abcdef0"], ["sg-0123456789abcdef0", "sg-0fedcba9876543210"]) },
      "vpc-security-groups",
    );
    expect(result.status).toBe("fail");
    expect(result.detail).toContain("sg-0fedcba9876543210 (vpc-0fedcba9876543210)");
    expect(result.fix).toContain("vpc-0123456789abcdef0");
  });

  it("vpc-zones fails for a subnet in a zone AgentCore does not support, listing the supported ones", async () => {
    const result = await outcome(
      { networkConfiguration: vpc(["subnet-0123456789abcdef0", "subnet-0a1b2c3d4e5f60708"], ["sg-0123456789abcdef0"]) },
      "vpc-zones",
    );
    expect(result.status).toBe("fail");
    expect(result.detail).toContain("subnet-0a1b2c3d4e5f60708 (use1-az3)");
    expect(result.fix).toContain("use1-az1, use1-az2, use1-az4");
  });

  it("vpc-zones is unknown in a region without a known zone list", async () => {
    const report = await preflightFor(emulator).run(
      { networkConfiguration: vpc(["subnet-0123456789abcdef0"], ["sg-0123456789abcdef0"]) },
      { region: "sa-east-1", signal: new AbortController().signal },
    );
    expect(check(report, "vpc-zones")).toMatchObject({ status: "unknown" });
  });

  it("each VPC check is unknown for a caller denied EC2, naming the permission", async () => {
    const report = await runIn(preflightFor(emulator, RESTRICTED_CREDENTIALS), {
      networkConfiguration: vpc(["subnet-0123456789abcdef0"], ["sg-0123456789abcdef0"]),
    });
    expect(report.checks.map((item) => [item.id, item.status, item.permission])).toEqual([
      ["vpc-subnets", "unknown", "ec2:DescribeSubnets"],
      ["vpc-security-groups", "unknown", "ec2:DescribeSecurityGroups"],
      ["vpc-zones", "unknown", "ec2:DescribeSubnets"],
    ]);
  });
});

describe("errors other than access denied", () => {
  it("a key the services reject makes each AWS check unknown with the error code and no permission", async () => {
    const stranger = preflightFor(emulator, { accessKeyId: "AKIDUNKNOWNEXAMPLE", secretAccessKey: "unknown/secret/EXAMPLEKEY" });
    const report = await runIn(stranger, { ...GOOD_INPUT, authorizerConfiguration: undefined });
    for (const item of report.checks) {
      expect(item.status).toBe("unknown");
      expect(item.permission).toBeUndefined();
    }
    expect(check(report, "role-exists").detail).toContain("InvalidClientTokenId");
    expect(check(report, "image-exists").detail).toContain("UnrecognizedClientException");
    expect(check(report, "vpc-subnets").detail).toContain("AuthFailure");
  });
});
