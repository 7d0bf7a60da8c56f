import { afterEach, describe, expect, it } from "vitest";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { BatchGetImageCommand, ECRClient } from "@aws-sdk/client-ecr";
import { DescribeSubnetsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { SANDBOX_CREDENTIALS, type Emulator, parseEmulatorArgs, startEmulator } from "../../src/emulator/index.js";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const config = (url: string, region = "us-east-1") => ({ region, endpoint: url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });

describe("the account the pre-flight services answer for", () => {
  it("is strict by default: a made-up role is not found", async () => {
    emulator = await startEmulator();
    await expect(new IAMClient(config(emulator.url)).send(new GetRoleCommand({ RoleName: "MadeUpRole" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
  });

  it("open: made-up roles trust the service, made-up images are arm64, made-up subnets lie in the region's supported zones; fixtures stay", async () => {
    emulator = await startEmulator({ openAccount: true });
    const iam = new IAMClient(config(emulator.url));
    const role = await iam.send(new GetRoleCommand({ RoleName: "MadeUpRole" }));
    expect(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? "")).toContain("bedrock-agentcore.amazonaws.com");
    const lambda = await iam.send(new GetRoleCommand({ RoleName: "LambdaOnlyRole" }));
    expect(decodeURIComponent(lambda.Role?.AssumeRolePolicyDocument ?? "")).not.toContain("bedrock-agentcore");
    const ecr = new ECRClient(config(emulator.url));
    const image = await ecr.send(
      new BatchGetImageCommand({ registryId: "123456789012", repositoryName: "weather-agent", imageIds: [{ imageTag: "v7" }] }),
    );
    expect(image.images?.[0]?.imageManifest).toContain('"architecture":"arm64"');
    const amd64 = await ecr.send(
      new BatchGetImageCommand({ registryId: "123456789012", repositoryName: "amd64-agent", imageIds: [{ imageTag: "v7" }] }),
    );
    expect(amd64.images?.[0]?.imageManifest).not.toContain("arm64");
    const subnets = await new EC2Client(config(emulator.url, "eu-west-1")).send(
      new DescribeSubnetsCommand({ SubnetIds: ["subnet-0aaaaaaaaaaaaaaa1"] }),
    );
    expect(subnets.Subnets?.[0]).toMatchObject({
      VpcId: "vpc-0123456789abcdef0",
      AvailabilityZoneId: expect.stringMatching(/^euw1-az[12]$/),
    });
  });

  it("the emulator command opens it with --open-account and takes --state", () => {
    expect(parseEmulatorArgs(["--open-account", "--state", "/tmp/x.json"])).toMatchObject({
      options: { openAccount: true },
      stateFile: "/tmp/x.json",
    });
    expect(parseEmulatorArgs([])).not.toMatchObject({ options: { openAccount: true } });
  });
});
