import { afterEach, describe, expect, it } from "vitest";
import {
  ConflictException,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  ListAgentRuntimeVersionsCommand,
  ListAgentRuntimesCommand,
  ResourceNotFoundException,
  UpdateAgentRuntimeCommand,
  ValidationException,
  paginateListAgentRuntimeVersions,
} from "@aws-sdk/client-bedrock-agentcore-control";
import type { BedrockAgentCoreControlClient } from "@aws-sdk/client-bedrock-agentcore-control";
import { validateRequest } from "../../src/emulator/index.js";
import { EPOCH, MINIMAL_CREATE, closeAll, sdkClient, sendRaw, signRequest, startTestEmulator } from "../helpers/emulator.js";

afterEach(closeAll);

const TOKEN = "update-token-0123456789abcdef01234567";
const IMAGE_V2 = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:v2";

async function rejection(pending: Promise<unknown>): Promise<unknown> {
  return pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

function update(
  agentRuntimeId: string | undefined,
  containerUri = IMAGE_V2,
  extra: Record<string, unknown> = {},
): UpdateAgentRuntimeCommand {
  return new UpdateAgentRuntimeCommand({
    agentRuntimeId,
    agentRuntimeArtifact: { containerConfiguration: { containerUri } },
    roleArn: MINIMAL_CREATE.roleArn,
    networkConfiguration: { networkMode: "PUBLIC" },
    ...extra,
  });
}

/** Creates a runtime and lets it reach READY. */
async function readyRuntime(
  emulator: { clock: { advance(ms: number): void } },
  client: BedrockAgentCoreControlClient,
  name = "my_agent",
): Promise<string> {
  const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: name }));
  emulator.clock.advance(3000);
  return agentRuntimeId ?? "";
}

describe("UpdateAgentRuntime", () => {
  it("makes a new version per update, UPDATING until the delay has passed, then READY", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const id = await readyRuntime(emulator, client);
    const updated = await client.send(update(id, IMAGE_V2, { description: "second image", platformVersion: "v1.2" }));
    expect(updated).toMatchObject({ $metadata: { httpStatusCode: 202 }, agentRuntimeId: id, agentRuntimeVersion: "2", status: "UPDATING" });
    expect(updated.createdAt).toEqual(new Date(EPOCH));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe("UPDATING");
    emulator.clock.advance(2999);
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe("UPDATING");
    emulator.clock.advance(1);
    const ready = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(ready).toMatchObject({
      status: "READY",
      agentRuntimeVersion: "2",
      description: "second image",
      platformVersion: "v1.2",
      agentRuntimeArtifact: { containerConfiguration: { containerUri: IMAGE_V2 } },
      lastUpdatedAt: new Date(EPOCH + 6000),
    });
    const third = await client.send(update(id, `${IMAGE_V2}-b`));
    expect(third.agentRuntimeVersion).toBe("3");
    const first = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: "1" }));
    expect(first).toMatchObject({ agentRuntimeVersion: "1", status: "READY", agentRuntimeArtifact: MINIMAL_CREATE.agentRuntimeArtifact });
    expect(first).not.toHaveProperty("description");
  });

  it("ends an update to an image tag starting with fail in UPDATE_FAILED with a reason, and can be updated again", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const id = await readyRuntime(emulator, client);
    const failing = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:fail-v2";
    await client.send(update(id, failing));
    emulator.clock.advance(3000);
    const failed = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(failed).toMatchObject({ status: "UPDATE_FAILED", agentRuntimeVersion: "2" });
    expect(failed.failureReason).toBe(
      `Container image could not be pulled: ${failing}: not found (emulator rule: updates to an image tag or S3 prefix part starting with "fail" end in UPDATE_FAILED).`,
    );
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: "1" }))).status).toBe("READY");
    expect((await client.send(update(id))).agentRuntimeVersion).toBe("3");
    emulator.clock.advance(3000);
    const recovered = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(recovered.status).toBe("READY");
    expect(recovered.failureReason).toBeUndefined();
  });

  it("fails an update to a code artifact whose last S3 prefix part starts with fail, but not one that merely contains it", async () => {
    const emulator = await startTestEmulator({ createDelayMs: 0 });
    const client = sdkClient(emulator);
    const id = await readyRuntime(emulator, client);
    const code = (prefix: string) => ({
      agentRuntimeArtifact: {
        codeConfiguration: { code: { s3: { bucket: "my-bucket", prefix } }, runtime: "PYTHON_3_12" as const, entryPoint: ["main.py"] },
      },
    });
    await client.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, roleArn: MINIMAL_CREATE.roleArn, ...code("agents/unfailing/") }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe("READY");
    await client.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, roleArn: MINIMAL_CREATE.roleArn, ...code("agents/failing/") }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe("UPDATE_FAILED");
  });

  it("refuses an update while the runtime is CREATING or UPDATING with ConflictException", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    const whileCreating = await rejection(client.send(update(agentRuntimeId)));
    expect(whileCreating).toBeInstanceOf(ConflictException);
    expect(whileCreating).toMatchObject({
      message: `Agent runtime ${agentRuntimeId ?? ""} is CREATING; it can be updated once that has finished.`,
    });
    emulator.clock.advance(3000);
    await client.send(update(agentRuntimeId));
    expect(await rejection(client.send(update(agentRuntimeId)))).toBeInstanceOf(ConflictException);
  });

  it("replays an update for a repeated clientToken, making one version, and refuses the token with another body", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const id = await readyRuntime(emulator, client);
    const first = await client.send(update(id, IMAGE_V2, { clientToken: TOKEN }));
    emulator.clock.advance(3000);
    const again = await client.send(update(id, IMAGE_V2, { clientToken: TOKEN }));
    expect(again).toMatchObject({ agentRuntimeVersion: "2", status: first.status, lastUpdatedAt: first.lastUpdatedAt });
    const other = await rejection(client.send(update(id, `${IMAGE_V2}-other`, { clientToken: TOKEN })));
    expect(other).toBeInstanceOf(ValidationException);
    expect(other).toMatchObject({ reason: "IdempotentParameterMismatchException" });
    const versions = await client.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId: id }));
    expect(versions.agentRuntimes?.map((version) => version.agentRuntimeVersion)).toEqual(["2", "1"]);
  });

  it("answers an update of an unknown runtime with ResourceNotFoundException and a model violation with ValidationException", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const missing = await rejection(client.send(update("nobody-abcdefghij")));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing).toMatchObject({ message: "Agent runtime nobody-abcdefghij was not found.", $metadata: { httpStatusCode: 404 } });
    const id = await readyRuntime(emulator, client);
    const invalid = await rejection(
      client.send(update(id, IMAGE_V2, { capacityProviderConfiguration: {} as { capacityProviderArn: string } })),
    );
    expect(invalid).toBeInstanceOf(ValidationException);
    expect(invalid).toMatchObject({
      message:
        "1 validation error detected: Value null at 'capacityProviderConfiguration.capacityProviderArn' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe("ListAgentRuntimeVersions", () => {
  it("pages newest first through the SDK's paginator, with each version's own status", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const id = await readyRuntime(emulator, client);
    for (const tag of ["v2", "v3", "v4"]) {
      await client.send(update(id, `123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:${tag}`));
      emulator.clock.advance(3000);
    }
    await client.send(update(id, "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:v5"));
    const pages: string[][] = [];
    for await (const page of paginateListAgentRuntimeVersions({ client, pageSize: 2 }, { agentRuntimeId: id })) {
      pages.push((page.agentRuntimes ?? []).map((summary) => `${summary.agentRuntimeVersion ?? ""}:${summary.status ?? ""}`));
    }
    expect(pages).toEqual([["5:UPDATING", "4:READY"], ["3:READY", "2:READY"], ["1:READY"]]);
    const raw = await sendRaw(emulator.url, {
      method: "POST",
      path: `/runtimes/${id}/versions/`,
      headers: await signRequest(emulator.url, { method: "POST", path: `/runtimes/${id}/versions/` }, { at: emulator.clock.now() }),
    });
    expect(raw.status).toBe(200);
    // The one departure from the output shape: a runtime created without a description has none in
    // its summary (the model lists it as required, yet bounds it to at least one character).
    const issues = validateRequest("ListAgentRuntimeVersionsResponse", JSON.parse(raw.body));
    expect(new Set(issues.map((issue) => `${String(issue.segments.at(-1))}: ${issue.constraint}`))).toEqual(
      new Set(["description: Member must not be null"]),
    );
  });

  it("answers an unknown runtime with ResourceNotFoundException and a forged token with ValidationException", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    expect(await rejection(client.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId: "nobody-abcdefghij" })))).toBeInstanceOf(
      ResourceNotFoundException,
    );
    const id = await readyRuntime(emulator, client);
    const forged = await rejection(client.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId: id, nextToken: "forged" })));
    expect(forged).toBeInstanceOf(ValidationException);
    expect(forged).toMatchObject({ message: "The nextToken is not valid." });
  });
});

describe("ListAgentRuntimes summaries", () => {
  it("carry every member the model's AgentRuntime lists, description only when the runtime has one", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "described", description: "has words" }));
    const raw = await sendRaw(emulator.url, {
      method: "POST",
      path: "/runtimes/",
      headers: await signRequest(emulator.url, { method: "POST", path: "/runtimes/" }, { at: EPOCH }),
    });
    const summaries = (JSON.parse(raw.body) as { agentRuntimes: Record<string, unknown>[] }).agentRuntimes;
    expect(summaries.map((summary) => Object.keys(summary).sort())).toEqual([
      ["agentRuntimeArn", "agentRuntimeId", "agentRuntimeName", "agentRuntimeVersion", "lastUpdatedAt", "status"],
      ["agentRuntimeArn", "agentRuntimeId", "agentRuntimeName", "agentRuntimeVersion", "description", "lastUpdatedAt", "status"],
    ]);
    expect(summaries.map((summary) => summary["description"])).toEqual([undefined, "has words"]);
    const listed = await client.send(new ListAgentRuntimesCommand({}));
    expect(listed.agentRuntimes?.[1]?.description).toBe("has words");
  });
});

describe("DeleteAgentRuntime", () => {
  it("keeps the runtime DELETING until the delay has passed, then it is gone and its name free", async () => {
    const emulator = await startTestEmulator({ deleteDelayMs: 5000 });
    const client = sdkClient(emulator);
    const id = await readyRuntime(emulator, client);
    const deleted = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(deleted).toMatchObject({ status: "DELETING", agentRuntimeId: id, agentRuntimeVersion: "1" });
    emulator.clock.advance(4999);
    expect(await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }))).toMatchObject({
      status: "DELETING",
      lastUpdatedAt: new Date(EPOCH + 3000),
    });
    expect((await client.send(new ListAgentRuntimesCommand({}))).agentRuntimes?.map((summary) => summary.status)).toEqual(["DELETING"]);
    const twice = await rejection(client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id })));
    expect(twice).toBeInstanceOf(ConflictException);
    expect(await rejection(client.send(update(id)))).toBeInstanceOf(ConflictException);
    emulator.clock.advance(1);
    const gone = await rejection(client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone).toMatchObject({ message: `Agent runtime ${id} was not found.`, $metadata: { httpStatusCode: 404 } });
    expect((await client.send(new ListAgentRuntimesCommand({}))).agentRuntimes).toEqual([]);
    expect((await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE))).status).toBe("CREATING");
  });

  it("ends deleting a runtime named keep… in DELETE_FAILED with a reason; it stays, and can be updated", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const id = await readyRuntime(emulator, client, "keep_me");
    await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }));
    emulator.clock.advance(3000);
    const failed = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id }));
    expect(failed.status).toBe("DELETE_FAILED");
    expect(failed.failureReason).toBe(
      `The runtime's resources could not be released (emulator rule: runtimes whose name starts with "keep" end in DELETE_FAILED).`,
    );
    expect(emulator.runtimes).toMatchObject([{ agentRuntimeId: id, status: "DELETE_FAILED" }]);
    expect((await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id }))).status).toBe("DELETING");
    emulator.clock.advance(3000);
    expect((await client.send(update(id))).status).toBe("UPDATING");
  });

  it("answers a version that does not exist with ResourceNotFoundException saying that version does not exist", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const id = await readyRuntime(emulator, client);
    await client.send(update(id));
    const attempts = [
      client.send(new GetAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: "7" })),
      client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: "7" })),
    ];
    for (const attempt of attempts) {
      const error = await rejection(attempt);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error).toMatchObject({ message: `Version 7 of agent runtime ${id} does not exist; the runtime exists with versions 1 to 2.` });
    }
  });
});

describe("the newest model", () => {
  it("accepts platformVersion on create and returns it from Get", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, platformVersion: "2026.1" }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).platformVersion).toBe("2026.1");
    const spaced = await rejection(
      client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "other", platformVersion: "has space" })),
    );
    expect(spaced).toBeInstanceOf(ValidationException);
  });

  it("refuses a capacityProviderConfiguration without capacityProviderArn", async () => {
    const emulator = await startTestEmulator();
    const error = await rejection(
      sdkClient(emulator).send(
        new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, capacityProviderConfiguration: {} as { capacityProviderArn: string } }),
      ),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({ fieldList: [{ name: "capacityProviderConfiguration.capacityProviderArn" }] });
  });
});
