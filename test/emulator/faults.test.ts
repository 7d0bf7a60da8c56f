import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  BedrockAgentCoreControlServiceException,
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  InternalServerException,
  ListAgentRuntimesCommand,
  ThrottlingException,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { EPOCH, MINIMAL_CREATE, closeAll, sdkClient, sendRaw, signRequest, startTestEmulator } from "../helpers/emulator.js";
import type { RawAnswer } from "../helpers/emulator.js";
import { CONTROL_TOKEN_HEADER } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";

afterEach(closeAll);

const BODY = JSON.stringify(MINIMAL_CREATE);

async function signedCreate(url: string, body = BODY): Promise<RawAnswer> {
  return sendRaw(url, {
    method: "PUT",
    path: "/runtimes/",
    headers: await signRequest(url, { method: "PUT", path: "/runtimes/", body }, { at: EPOCH }),
    body,
  });
}

async function rejection(pending: Promise<unknown>): Promise<unknown> {
  return pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

/** Reads an answer as the chunks that arrived, without failing on a connection dropped half-way. */
function chunksOf(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; chunks: Buffer[]; error?: Error }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const outgoing = httpRequest(
      { host: target.hostname, port: target.port, method: "PUT", path: "/runtimes/", headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, chunks }));
        res.on("error", (error) => resolve({ status: res.statusCode ?? 0, chunks, error }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

describe("fault injection", () => {
  it("status: answers with the given status, error type, Retry-After, and (on request) the echoed body", async () => {
    const emulator = await startTestEmulator();
    emulator.inject([
      { kind: "status", status: 429, retryAfter: "3" },
      { kind: "status", status: 500, message: "boom.", echoRequest: true },
      { kind: "status", status: 418, errorType: "TeapotException" },
    ]);
    const throttled = await signedCreate(emulator.url);
    expect(throttled).toMatchObject({ status: 429, headers: { "x-amzn-errortype": "ThrottlingException", "retry-after": "3" } });
    expect(JSON.parse(throttled.body)).toEqual({ message: "ThrottlingException injected by the emulator." });
    const echoed = await signedCreate(emulator.url);
    expect(JSON.parse(echoed.body)).toEqual({ message: `boom. Request body: ${BODY}` });
    expect((await signedCreate(emulator.url)).headers["x-amzn-errortype"]).toBe("TeapotException");
    expect((await signedCreate(emulator.url)).status).toBe(202);
  });

  it("status faults reach the SDK as their classes", async () => {
    const emulator = await startTestEmulator();
    emulator.inject([
      { kind: "status", status: 429 },
      { kind: "status", status: 500 },
    ]);
    const client = sdkClient(emulator);
    expect(await rejection(client.send(new ListAgentRuntimesCommand({})))).toBeInstanceOf(ThrottlingException);
    expect(await rejection(client.send(new ListAgentRuntimesCommand({})))).toBeInstanceOf(InternalServerException);
  });

  it("only fires a fault with an operation on that operation", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    emulator.inject({ kind: "status", status: 500, operation: "GetAgentRuntime" });
    const { agentRuntimeId } = await client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    expect(await rejection(client.send(new GetAgentRuntimeCommand({ agentRuntimeId })))).toBeInstanceOf(InternalServerException);
    expect((await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).agentRuntimeId).toBe(agentRuntimeId);
  });

  it("a fault rule applies every time until cleared; queued faults come first", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    const seen: string[] = [];
    emulator.setFaultRule((context) => {
      seen.push(`${context.method} ${context.path} ${context.operation ?? "-"}`);
      return { kind: "status", status: 503 };
    });
    emulator.inject({ kind: "status", status: 429 });
    expect(await rejection(client.send(new ListAgentRuntimesCommand({})))).toBeInstanceOf(ThrottlingException);
    for (let i = 0; i < 2; i += 1)
      expect(await rejection(client.send(new ListAgentRuntimesCommand({})))).toMatchObject({ name: "ServiceUnavailableException" });
    expect(seen).toEqual(["POST /runtimes/ ListAgentRuntimes", "POST /runtimes/ ListAgentRuntimes"]);
    emulator.clearFaults();
    expect((await client.send(new ListAgentRuntimesCommand({}))).agentRuntimes).toEqual([]);
  });

  it("delay: handles the request normally afterwards", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "delay", ms: 5 });
    expect((await signedCreate(emulator.url)).status).toBe(202);
    expect(emulator.runtimes).toHaveLength(1);
  });

  it("hang: never answers, and close() still ends at once", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "hang" });
    const pending = rejection(signedCreate(emulator.url));
    await expect.poll(() => emulator.requests.length).toBe(1);
    // A second, idle keep-alive connection must not hold close() up either.
    await sdkClient(emulator).send(new ListAgentRuntimesCommand({}));
    await emulator.close();
    expect(await pending).toMatchObject({ message: expect.stringMatching(/socket hang up|ECONNRESET/) });
    expect(emulator.runtimes).toEqual([]);
  });

  it("reset: drops the connection before handling, or after (the runtime then exists)", async () => {
    const emulator = await startTestEmulator();
    emulator.inject([{ kind: "reset" }, { kind: "reset", afterProcessing: true }]);
    expect(await rejection(signedCreate(emulator.url))).toMatchObject({ code: "ECONNRESET" });
    expect(emulator.runtimes).toEqual([]);
    const error = await rejection(sdkClient(emulator).send(new CreateAgentRuntimeCommand(MINIMAL_CREATE)));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(BedrockAgentCoreControlServiceException);
    expect(emulator.runtimes).toHaveLength(1);
  });

  it("truncated: sends half the JSON body in a well-framed message, or drops the connection when the length was announced", async () => {
    const emulator = await startTestEmulator();
    emulator.inject([{ kind: "truncated" }, { kind: "truncated", declareLength: true }]);
    const half = await signedCreate(emulator.url);
    expect(half.status).toBe(202);
    expect(half.headers["content-type"]).toBe("application/json");
    expect(() => JSON.parse(half.body)).toThrow();
    expect(half.body.startsWith('{"agentRuntimeArn":"arn:aws:bedrock-agentcore:')).toBe(true);
    const body = JSON.stringify({ ...MINIMAL_CREATE, agentRuntimeName: "second" });
    const dropped = await chunksOf(
      emulator.url,
      await signRequest(emulator.url, { method: "PUT", path: "/runtimes/", body }, { at: EPOCH }),
      body,
    );
    expect(dropped.error).toBeInstanceOf(Error);
    expect(emulator.runtimes).toHaveLength(2);
  });

  it("truncated and non-json answers make the SDK fail without a service error", async () => {
    const emulator = await startTestEmulator();
    emulator.inject([{ kind: "truncated" }, { kind: "non-json" }]);
    const client = sdkClient(emulator);
    for (let i = 0; i < 2; i += 1) {
      const error = await rejection(client.send(new ListAgentRuntimesCommand({})));
      expect(error).toBeInstanceOf(Error);
    }
  });

  it("non-json: answers 200 with an HTML page and does not handle the request", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "non-json" });
    const answer = await signedCreate(emulator.url);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.body).toMatch(/^<!DOCTYPE html>/);
    expect(emulator.runtimes).toEqual([]);
  });

  it("trickle: delivers the whole answer in several pieces", async () => {
    const emulator = await startTestEmulator();
    emulator.inject({ kind: "trickle", bytesPerSecond: 1000 });
    const answer = await chunksOf(
      emulator.url,
      await signRequest(emulator.url, { method: "PUT", path: "/runtimes/", body: BODY }, { at: EPOCH }),
      BODY,
    );
    expect(answer.status).toBe(202);
    expect(answer.chunks.length).toBeGreaterThan(1);
    expect(JSON.parse(Buffer.concat(answer.chunks).toString("utf8"))).toMatchObject({ status: "CREATING" });
  });

  it("huge: streams a 200 JSON body of exactly the requested size", async () => {
    const emulator = await startTestEmulator();
    const bytes = 3 * 1024 * 1024 + 7;
    emulator.inject({ kind: "huge", bytes });
    const answer = await signedCreate(emulator.url);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-length"]).toBe(String(bytes));
    expect(Buffer.byteLength(answer.body)).toBe(bytes);
    expect(JSON.parse(answer.body)).toEqual({});
  });

  it("clock-skew: shifts the clock for this request and the next ones, until set back", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    emulator.inject({ kind: "clock-skew", ms: 10 * 60_000 });
    expect(await rejection(client.send(new ListAgentRuntimesCommand({})))).toMatchObject({
      name: "InvalidSignatureException",
      message: "Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)",
    });
    expect((await signedCreate(emulator.url)).status).toBe(403);
    // The SDK corrects its clock from the Date header of a skew error, so its next request verifies.
    expect((await client.send(new ListAgentRuntimesCommand({}))).$metadata.httpStatusCode).toBe(200);
    emulator.setClockSkew(0);
    expect((await signedCreate(emulator.url)).status).toBe(202);
  });

  it("clockSkewMs: starts the emulator skewed", async () => {
    const emulator = await startTestEmulator({ clockSkewMs: -6 * 60_000 });
    const answer = await signedCreate(emulator.url);
    expect(answer.status).toBe(403);
    expect(answer.headers["date"]).toBe("Wed, 31 Dec 2025 23:54:00 GMT");
    expect(JSON.parse(answer.body).message).toMatch(/^Signature not yet current: 20260101T000000Z is still later than/);
  });

  it("refuses malformed faults", async () => {
    const emulator = await startTestEmulator();
    expect(() => emulator.inject({ kind: "status", status: 200 })).toThrow(/status must be an integer from 400 to 599/);
    expect(() => emulator.inject({ kind: "status", status: 418 })).toThrow(/status 418 needs an errorType/);
    expect(() => emulator.inject({ kind: "huge", bytes: 1 })).toThrow(/bytes must be an integer from 2/);
  });
});

describe("the control endpoint", () => {
  const control = (emulator: Emulator, method: string, path: string, body?: unknown) =>
    sendRaw(emulator.url, {
      method,
      path,
      headers: { "content-type": "application/json", [CONTROL_TOKEN_HEADER]: emulator.controlToken ?? "" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("queues faults from JSON and clears them", async () => {
    const emulator = await startTestEmulator();
    const queued = await control(emulator, "POST", "/__emulator/faults", [
      { kind: "status", status: 429 },
      { kind: "status", status: 500 },
    ]);
    expect(queued.status).toBe(200);
    expect(JSON.parse(queued.body)).toEqual({ queued: 2 });
    expect(queued.headers["x-amzn-requestid"]).toEqual(expect.any(String));
    expect((await signedCreate(emulator.url)).status).toBe(429);
    expect((await control(emulator, "DELETE", "/__emulator/faults")).status).toBe(200);
    expect((await signedCreate(emulator.url)).status).toBe(202);
    expect((await control(emulator, "POST", "/__emulator/faults", { kind: "delay", ms: 1 })).status).toBe(200);
  });

  it("refuses bad fault JSON with a message naming the problem", async () => {
    const emulator = await startTestEmulator();
    const bad = await control(emulator, "POST", "/__emulator/faults", [{ kind: "hang" }, { kind: "explode" }]);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toBe(
      "fault 1: kind must be one of status, delay, hang, reset, truncated, non-json, trickle, huge, clock-skew, iam-role",
    );
    const unparsable = await sendRaw(emulator.url, {
      method: "POST",
      path: "/__emulator/faults",
      headers: { [CONTROL_TOKEN_HEADER]: emulator.controlToken ?? "" },
      body: "{",
    });
    expect(JSON.parse(unparsable.body)).toMatchObject({ reason: "CannotParse" });
    expect((await control(emulator, "GET", "/__emulator/nothing")).status).toBe(404);
  });

  it("serves and clears the request recording, and does not record itself", async () => {
    const emulator = await startTestEmulator();
    await signedCreate(emulator.url);
    const listed = await control(emulator, "GET", "/__emulator/requests");
    const [recorded, ...rest] = JSON.parse(listed.body).requests;
    expect(rest).toEqual([]);
    expect(recorded).toMatchObject({
      method: "PUT",
      path: "/runtimes/",
      bodyText: BODY,
      rawBody: Buffer.from(BODY).toString("base64"),
      signatureValid: true,
      operation: "CreateAgentRuntime",
    });
    expect((await control(emulator, "DELETE", "/__emulator/requests")).status).toBe(200);
    expect(emulator.requests).toEqual([]);
  });
});

describe("request recording and limits", () => {
  it("records method, path, query, headers, raw body, signature verdict, operation and time", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    await client.send(new ListAgentRuntimesCommand({ maxResults: 5 }));
    emulator.clock.advance(1234);
    await signedCreate(emulator.url);
    expect(emulator.requests).toMatchObject([
      {
        method: "POST",
        path: "/runtimes/",
        query: { maxResults: "5" },
        bodyText: "",
        signatureValid: true,
        operation: "ListAgentRuntimes",
        time: EPOCH,
      },
      {
        method: "PUT",
        path: "/runtimes/",
        query: {},
        bodyText: BODY,
        signatureValid: true,
        operation: "CreateAgentRuntime",
        time: EPOCH + 1234,
      },
    ]);
    expect(emulator.requests[1]?.rawBody.equals(Buffer.from(BODY))).toBe(true);
    expect(emulator.requests[1]?.headers["x-amz-date"]).toBe("20260101T000000Z");
    emulator.clearRequests();
    expect(emulator.requests).toEqual([]);
  });

  it("answers a body over 1 MiB with 413 without reading it", async () => {
    const emulator = await startTestEmulator();
    const body = `{"agentRuntimeName":"${"x".repeat(1024 * 1024)}"}`;
    const answer = await sendRaw(emulator.url, {
      method: "PUT",
      path: "/runtimes/",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(answer.status).toBe(413);
    expect(answer.headers["x-amzn-errortype"]).toBe("RequestEntityTooLargeException");
    expect(answer.headers["connection"]).toBe("close");
    expect(emulator.requests).toMatchObject([{ operation: "CreateAgentRuntime", signatureValid: false, bodyText: "" }]);
  });

  it("stops reading a chunked body once it passes maxBodyBytes", async () => {
    const emulator = await startTestEmulator({ maxBodyBytes: 1024 });
    const answer = await new Promise<number>((resolve, reject) => {
      const target = new URL(emulator.url);
      const outgoing = httpRequest({ host: target.hostname, port: target.port, method: "PUT", path: "/runtimes/", agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      outgoing.on("error", reject);
      outgoing.write("x".repeat(800));
      outgoing.write("x".repeat(800));
    });
    expect(answer).toBe(413);
    const received = emulator.requests[0]?.rawBody.length ?? 0;
    expect(received).toBeGreaterThan(1024);
    expect(received).toBeLessThanOrEqual(1600);
  });

  it("logs one line per request without bodies or secrets", async () => {
    const lines: string[] = [];
    const emulator = await startTestEmulator({ log: (line) => lines.push(line) });
    emulator.inject({ kind: "delay", ms: 1 });
    await sdkClient(emulator).send(
      new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, environmentVariables: { API_KEY: "sk-very-secret" } }),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^fault delay on CreateAgentRuntime$/),
      expect.stringMatching(/^PUT \/runtimes\/ 202 CreateAgentRuntime [0-9a-f-]{36}$/),
    ]);
    expect(lines.join("\n")).not.toMatch(/sk-very-secret|Signature=|sandbox\/secret/);
  });
});
