import { afterEach, describe, expect, it } from "vitest";
import {
  ConflictException,
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  ListAgentRuntimesCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { SANDBOX_CREDENTIALS } from "../../src/emulator/index.js";
import { EPOCH, MINIMAL_CREATE, closeAll, sdkClient, sendRaw, signRequest, startTestEmulator } from "../helpers/emulator.js";

afterEach(closeAll);

async function rejection(pending: Promise<unknown>): Promise<unknown> {
  return pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe("regions", () => {
  it("serves only its region by default, refusing another region's signature as a regional endpoint does", async () => {
    const emulator = await startTestEmulator({ region: "eu-west-1" });
    expect(emulator.regions).toEqual(["eu-west-1"]);
    const created = await sdkClient(emulator, SANDBOX_CREDENTIALS, "eu-west-1").send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(created.agentRuntimeArn).toMatch(/^arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime\//);
    const error = await rejection(sdkClient(emulator, SANDBOX_CREDENTIALS, "us-east-1").send(new ListAgentRuntimesCommand({})));
    expect(error).toMatchObject({
      name: "InvalidSignatureException",
      message: "Credential should be scoped to a valid region, not 'us-east-1'.",
      $metadata: { httpStatusCode: 403 },
    });
    expect(emulator.requests.at(-1)).toMatchObject({ signatureValid: false, signingRegion: "us-east-1" });
  });

  it("refuses an unserved region before it looks at the key", async () => {
    const emulator = await startTestEmulator();
    const headers = await signRequest(
      emulator.url,
      { method: "POST", path: "/runtimes/" },
      { at: EPOCH, region: "ap-south-1", credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "x" } },
    );
    const answer = await sendRaw(emulator.url, { method: "POST", path: "/runtimes/", headers });
    expect(answer.status).toBe(403);
    expect(answer.headers["x-amzn-errortype"]).toBe("InvalidSignatureException");
  });

  it("keeps each region's runtimes apart: the same name in two regions, ARNs with the signed region", async () => {
    const emulator = await startTestEmulator({ regions: ["us-east-1", "eu-west-1"] });
    const east = sdkClient(emulator, SANDBOX_CREDENTIALS, "us-east-1");
    const west = sdkClient(emulator, SANDBOX_CREDENTIALS, "eu-west-1");
    const inEast = await east.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    const inWest = await west.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(inEast.agentRuntimeArn).toContain(":us-east-1:");
    expect(inWest.agentRuntimeArn).toContain(":eu-west-1:");
    expect(inWest.workloadIdentityDetails?.workloadIdentityArn).toContain(":eu-west-1:");
    const again = await rejection(west.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE)));
    expect(again).toBeInstanceOf(ConflictException);
    expect(again).toMatchObject({ message: "An agent runtime named my_agent already exists in eu-west-1." });
    expect((await east.send(new ListAgentRuntimesCommand({}))).agentRuntimes?.map((summary) => summary.agentRuntimeId)).toEqual([
      inEast.agentRuntimeId,
    ]);
    expect(await rejection(west.send(new GetAgentRuntimeCommand({ agentRuntimeId: inEast.agentRuntimeId })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(emulator.runtimes.map((runtime) => runtime.region)).toEqual(["us-east-1", "eu-west-1"]);
  });

  it('serves every validly spelled region with "all" (the sandbox), other partitions in their ARNs', async () => {
    const emulator = await startTestEmulator({ regions: "all" });
    const odd = await sdkClient(emulator, SANDBOX_CREDENTIALS, "us-east-99").send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(odd.agentRuntimeArn).toMatch(/^arn:aws:bedrock-agentcore:us-east-99:/);
    const china = await sdkClient(emulator, SANDBOX_CREDENTIALS, "cn-north-1").send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(china.agentRuntimeArn).toMatch(/^arn:aws-cn:bedrock-agentcore:cn-north-1:/);
    const headers = await signRequest(emulator.url, { method: "POST", path: "/runtimes/" }, { at: EPOCH, region: "Not_A_Region" });
    const answer = await sendRaw(emulator.url, { method: "POST", path: "/runtimes/", headers });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toBe("Credential should be scoped to a valid region, not 'Not_A_Region'.");
  });
});
