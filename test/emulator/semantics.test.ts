import { afterEach, describe, expect, it } from "vitest";
import {
  ConflictException,
  CreateAgentRuntimeCommand,
  DeleteAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  ListAgentRuntimeVersionsCommand,
  ListAgentRuntimesCommand,
  ServiceQuotaExceededException,
  UpdateAgentRuntimeCommand,
  ValidationException,
} from "@aws-sdk/client-bedrock-agentcore-control";
import seedRequest from "../fixtures/emulator-seed-request.json" with { type: "json" };
import { validateRequest } from "../../src/emulator/index.js";
import { EPOCH, MINIMAL_CREATE, closeAll, sdkClient, sendRaw, signRequest, startTestEmulator, withQuery } from "../helpers/emulator.js";

afterEach(closeAll);

const TOKEN = "client-token-0123456789abcdef0123456789";

async function rejection(pending: Promise<unknown>): Promise<unknown> {
  return pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe("runtime semantics", () => {
  it("keeps only the newest maxRecordedRequests records, so a long-running sandbox stays flat", async () => {
    const emulator = await startTestEmulator({ maxRecordedRequests: 2 });
    const client = sdkClient(emulator);
    for (const name of ["first", "second", "third"]) {
      await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: name }));
    }
    expect(emulator.requests.map((request) => (JSON.parse(request.bodyText) as { agentRuntimeName: string }).agentRuntimeName)).toEqual([
      "second",
      "third",
    ]);
  });

  it("moves CREATING to READY once createDelayMs has passed on the injected clock", async () => {
    const emulator = await startTestEmulator({ createDelayMs: 3000 });
    const client = sdkClient(emulator);
    const { agentRuntimeId, createdAt } = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    emulator.clock.advance(2999);
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).status).toBe("CREATING");
    emulator.clock.advance(1);
    const ready = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
    expect(ready).toMatchObject({ status: "READY", createdAt, lastUpdatedAt: new Date(EPOCH + 3000) });
    expect(ready.failureReason).toBeUndefined();
    expect((await client.send(new ListAgentRuntimesCommand({}))).agentRuntimes?.[0]?.status).toBe("READY");
  });

  it("ends runtimes named fail… in CREATE_FAILED with a failureReason (default rule)", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "FailingAgent" }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).failureReason).toBeUndefined();
    emulator.clock.advance(3000);
    const failed = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
    expect(failed.status).toBe("CREATE_FAILED");
    expect(failed.failureReason).toBe(
      'Container image could not be pulled: 123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest: not found (emulator rule: runtimes whose name starts with "fail" end in CREATE_FAILED).',
    );
    expect(emulator.runtimes).toMatchObject([{ agentRuntimeId, status: "CREATE_FAILED", failureReason: failed.failureReason }]);
  });

  it("uses a configured failure rule instead of the default", async () => {
    const emulator = await startTestEmulator({
      createDelayMs: 0,
      failureRule: (request) => (request["description"] === "break" ? "Injected failure" : undefined),
    });
    const client = sdkClient(emulator);
    const ok = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "fail_named_but_fine" }));
    const broken = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "other", description: "break" }));
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: ok.agentRuntimeId }))).status).toBe("READY");
    expect(await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: broken.agentRuntimeId }))).toMatchObject({
      status: "CREATE_FAILED",
      failureReason: "Injected failure",
    });
  });

  it("replays the first answer for a repeated clientToken with the same body, creating one runtime", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const first = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, clientToken: TOKEN }));
    emulator.clock.advance(10_000);
    const again = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, clientToken: TOKEN }));
    expect(again).toMatchObject({ agentRuntimeArn: first.agentRuntimeArn, status: "CREATING", createdAt: first.createdAt });
    expect(emulator.runtimes).toHaveLength(1);
  });

  it("answers a reused clientToken with a different body as the model says: ValidationException, reason IdempotentParameterMismatchException", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, clientToken: TOKEN }));
    const error = await rejection(
      client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, clientToken: TOKEN, description: "changed" })),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({
      reason: "IdempotentParameterMismatchException",
      message: `The client token ${TOKEN} was already used with different parameters.`,
    });
    expect(emulator.runtimes).toHaveLength(1);
  });

  it("treats requests without clientToken as unique", async () => {
    const emulator = await startTestEmulator();
    const body = JSON.stringify(MINIMAL_CREATE);
    const send = async () =>
      sendRaw(emulator.url, {
        method: "PUT",
        path: "/runtimes",
        headers: await signRequest(emulator.url, { method: "PUT", path: "/runtimes", body }, { at: EPOCH }),
        body,
      });
    expect((await send()).status).toBe(202);
    const second = await send();
    expect(second.status).toBe(409);
    expect(second.headers["x-amzn-errortype"]).toBe("ConflictException");
  });

  it("keeps names unique, and frees a name once its deletion has finished (also one deleted while CREATING)", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(await rejection(client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE)))).toBeInstanceOf(ConflictException);
    await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId }));
    expect(await rejection(client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE)))).toBeInstanceOf(ConflictException);
    emulator.clock.advance(3000);
    const recreated = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(recreated.agentRuntimeId).not.toBe(agentRuntimeId);
  });

  it("enforces maxRuntimes with ServiceQuotaExceededException, and counts deletions back", async () => {
    const emulator = await startTestEmulator({ maxRuntimes: 2 });
    const client = sdkClient(emulator);
    const first = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "one" }));
    await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "two" }));
    expect(await rejection(client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "three" })))).toBeInstanceOf(
      ServiceQuotaExceededException,
    );
    await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: first.agentRuntimeId }));
    emulator.clock.advance(3000);
    expect((await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "three" }))).status).toBe("CREATING");
  });

  it("replays a delete for a repeated clientToken and refuses the token for another runtime", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const a = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "a" }));
    const b = await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: "b" }));
    const first = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: a.agentRuntimeId, clientToken: TOKEN }));
    const again = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: a.agentRuntimeId, clientToken: TOKEN }));
    expect(again).toMatchObject({ status: first.status, agentRuntimeId: a.agentRuntimeId });
    expect(
      await rejection(client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId: b.agentRuntimeId, clientToken: TOKEN }))),
    ).toMatchObject({
      name: "ValidationException",
      reason: "IdempotentParameterMismatchException",
    });
    emulator.clock.advance(3000);
    expect(emulator.runtimes.map((runtime) => runtime.agentRuntimeName)).toEqual(["b"]);
  });

  const { agentRuntimeName: _name, ...UPDATE_BASE } = MINIMAL_CREATE;

  it("deletes one version when asked for it, never the version the DEFAULT endpoint serves, and keeps numbering on", async () => {
    const emulator = await startTestEmulator({ createDelayMs: 0 });
    const client = sdkClient(emulator);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    for (const description of ["two", "three"])
      await client.send(new UpdateAgentRuntimeCommand({ ...UPDATE_BASE, agentRuntimeId, description }));
    const deleted = await client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId, agentRuntimeVersion: "2" }));
    expect(deleted).toMatchObject({ agentRuntimeId, agentRuntimeVersion: "2" });
    const versions = await client.send(new ListAgentRuntimeVersionsCommand({ agentRuntimeId }));
    expect(versions.agentRuntimes?.map((version) => version.agentRuntimeVersion)).toEqual(["3", "1"]);
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).status).toBe("READY");
    const served = await rejection(client.send(new DeleteAgentRuntimeCommand({ agentRuntimeId, agentRuntimeVersion: "3" })));
    expect(served).toBeInstanceOf(ConflictException);
    expect(served).toMatchObject({ message: expect.stringContaining("served by endpoint DEFAULT") });
    const next = await client.send(new UpdateAgentRuntimeCommand({ ...UPDATE_BASE, agentRuntimeId, description: "four" }));
    expect(next.agentRuntimeVersion).toBe("4");
    await expect(client.send(new GetAgentRuntimeCommand({ agentRuntimeId, agentRuntimeVersion: "2" }))).rejects.toThrow(
      "exists with versions 1, 3, 4",
    );
  });

  it("refuses an update to VPC mode without networkModeConfig, as creation does", async () => {
    const emulator = await startTestEmulator({ createDelayMs: 0 });
    const client = sdkClient(emulator);
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    const error = await rejection(
      client.send(new UpdateAgentRuntimeCommand({ ...UPDATE_BASE, agentRuntimeId, networkConfiguration: { networkMode: "VPC" } })),
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({ message: expect.stringContaining("networkConfiguration.networkModeConfig") });
  });

  it("pages with an opaque token, refuses a forged one, and validates maxResults", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    for (const name of ["r1", "r2", "r3"]) await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, agentRuntimeName: name }));
    const page1 = await client.send(new ListAgentRuntimesCommand({ maxResults: 2 }));
    const page2 = await client.send(new ListAgentRuntimesCommand({ maxResults: 2, nextToken: page1.nextToken }));
    expect([...(page1.agentRuntimes ?? []), ...(page2.agentRuntimes ?? [])].map((runtime) => runtime.agentRuntimeName)).toEqual([
      "r1",
      "r2",
      "r3",
    ]);
    expect(page2.nextToken).toBeUndefined();
    const forged = await rejection(client.send(new ListAgentRuntimesCommand({ nextToken: "not-a-token" })));
    expect(forged).toBeInstanceOf(ValidationException);
    expect(forged).toMatchObject({ message: "The nextToken is not valid.", reason: "FieldValidationFailed" });
    expect(await rejection(client.send(new ListAgentRuntimesCommand({ maxResults: 101 })))).toBeInstanceOf(ValidationException);
    const path = withQuery("/runtimes/", { maxResults: "two" });
    const raw = await sendRaw(emulator.url, {
      method: "POST",
      path,
      headers: await signRequest(emulator.url, { method: "POST", path: "/runtimes/", query: { maxResults: "two" } }, { at: EPOCH }),
    });
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body).message).toBe(
      "1 validation error detected: Value 'two' at 'maxResults' failed to satisfy constraint: Member must be an integer",
    );
  });

  it("keeps status lazy: a runtime's status is whatever the clock says when asked", async () => {
    const emulator = await startTestEmulator({ createDelayMs: 60_000 });
    await sdkClient(emulator).send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(emulator.runtimes[0]?.status).toBe("CREATING");
    emulator.clock.advance(60_000);
    expect(emulator.runtimes[0]?.status).toBe("READY");
  });

  it("reset() forgets runtimes, tokens, requests and faults", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    await client.send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, clientToken: TOKEN }));
    emulator.inject({ kind: "status", status: 500 });
    emulator.reset();
    expect(emulator.runtimes).toEqual([]);
    expect(emulator.requests).toEqual([]);
    await client.send(
      new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, clientToken: TOKEN, description: "a new body for the old token" }),
    );
    expect(emulator.runtimes).toHaveLength(1);
  });
});

describe("answers on the wire", () => {
  const signed = async (url: string, method: string, path: string, body?: string) =>
    sendRaw(url, {
      method,
      path,
      headers: await signRequest(url, { method, path, ...(body === undefined ? {} : { body }) }, { at: EPOCH }),
      ...(body === undefined ? {} : { body }),
    });

  it("satisfies the model's output shapes (required members, patterns, ISO 8601 timestamps)", async () => {
    const emulator = await startTestEmulator();
    const created = await signed(emulator.url, "PUT", "/runtimes/", JSON.stringify(seedRequest));
    expect(created.status).toBe(202);
    const createdBody: unknown = JSON.parse(created.body);
    expect(validateRequest("CreateAgentRuntimeResponse", createdBody)).toEqual([]);
    const id =
      typeof createdBody === "object" && createdBody !== null && "agentRuntimeId" in createdBody ? String(createdBody.agentRuntimeId) : "";
    const got = await signed(emulator.url, "GET", `/runtimes/${id}/`);
    expect(validateRequest("GetAgentRuntimeResponse", JSON.parse(got.body))).toEqual([]);
    const listed = await signed(emulator.url, "POST", "/runtimes/");
    expect(validateRequest("ListAgentRuntimesResponse", JSON.parse(listed.body))).toEqual([]);
    const deleted = await signed(emulator.url, "DELETE", `/runtimes/${id}`);
    expect(deleted.status).toBe(202);
    expect(validateRequest("DeleteAgentRuntimeResponse", JSON.parse(deleted.body))).toEqual([]);
  });

  it("sends x-amzn-RequestId, Content-Type and Date on every answer, errors included", async () => {
    let n = 0;
    const emulator = await startTestEmulator({ requestId: () => `request-${++n}` });
    const ok = await signed(emulator.url, "POST", "/runtimes");
    const missing = await signed(emulator.url, "GET", "/runtimes/nobody-abcdefghij/");
    for (const [answer, id] of [
      [ok, "request-1"],
      [missing, "request-2"],
    ] as const) {
      expect(answer.headers["x-amzn-requestid"]).toBe(id);
      expect(answer.headers["content-type"]).toBe("application/json");
      expect(answer.headers["date"]).toBe("Thu, 01 Jan 2026 00:00:00 GMT");
    }
    expect(missing.status).toBe(404);
    expect(missing.headers["x-amzn-errortype"]).toBe("ResourceNotFoundException");
    expect(JSON.parse(missing.body)).toEqual({ message: "Agent runtime nobody-abcdefghij was not found." });
  });

  it("uses crypto UUIDs as request ids by default", async () => {
    const emulator = await startTestEmulator();
    const answer = await signed(emulator.url, "POST", "/runtimes/");
    expect(answer.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("answers an unknown route with 404 UnknownOperationException (after checking the signature)", async () => {
    const emulator = await startTestEmulator();
    const unknown = await signed(emulator.url, "GET", "/runtimes/");
    expect(unknown.status).toBe(404);
    expect(unknown.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
    const unsigned = await sendRaw(emulator.url, { method: "GET", path: "/nowhere", headers: {} });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
  });

  it("answers a malformed JSON body with 400 ValidationException reason CannotParse, without quoting it", async () => {
    const emulator = await startTestEmulator();
    for (const body of ['{"agentRuntimeName": "x", "description": "secret-in-broken-json"', "[1, 2]", "null"]) {
      const answer = await signed(emulator.url, "PUT", "/runtimes/", body);
      expect(answer.status).toBe(400);
      expect(answer.headers["x-amzn-errortype"]).toBe("ValidationException");
      expect(JSON.parse(answer.body)).toEqual({ message: "The request body could not be parsed as a JSON object.", reason: "CannotParse" });
    }
  });

  it("validates an empty create body as an empty structure", async () => {
    const emulator = await startTestEmulator();
    const answer = await signed(emulator.url, "PUT", "/runtimes/", "");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toMatch(/^3 validation errors detected: Value null at 'agentRuntimeName'/);
  });
});
