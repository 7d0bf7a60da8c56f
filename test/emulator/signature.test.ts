import { afterEach, describe, expect, it } from "vitest";
import {
  BedrockAgentCoreControlServiceException,
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
  ListAgentRuntimesCommand,
  ValidationException,
} from "@aws-sdk/client-bedrock-agentcore-control";
import type { BedrockAgentCoreControlClient } from "@aws-sdk/client-bedrock-agentcore-control";
import { SANDBOX_CREDENTIALS, startEmulator } from "../../src/emulator/index.js";
import { EPOCH, MINIMAL_CREATE, closeAll, manualClock, sdkClient, sendRaw, signRequest, startTestEmulator } from "../helpers/emulator.js";

afterEach(closeAll);

interface MutableRequest {
  headers: Record<string, string>;
  body?: unknown;
}

function isMutableRequest(value: unknown): value is MutableRequest {
  return typeof value === "object" && value !== null && "headers" in value && typeof value.headers === "object" && value.headers !== null;
}

/** Alters each request after the SDK has signed it, as a man in the middle would. */
function afterSigning(client: BedrockAgentCoreControlClient, mutate: (request: MutableRequest) => void): void {
  // Last in the finalize step, which the SDK's signing middleware runs early in.
  client.middlewareStack.add(
    (next) => (args) => {
      if (isMutableRequest(args.request)) mutate(args.request);
      return next(args);
    },
    { step: "finalizeRequest", priority: "low", name: "alterAfterSigning" },
  );
}

async function rejection(pending: Promise<unknown>): Promise<BedrockAgentCoreControlServiceException> {
  const error: unknown = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BedrockAgentCoreControlServiceException)) throw new Error(`expected a service exception, got ${String(error)}`);
  return error;
}

const MISMATCH = /^The request signature we calculated does not match the signature you provided/;

function flipFirstNameByte(request: MutableRequest): void {
  // The SDK's body is a Uint8Array subclass whose valueOf() decodes it (with a warning): copy the bytes.
  const original = request.body instanceof Uint8Array ? request.body : Buffer.from(String(request.body));
  const body = Buffer.alloc(original.byteLength);
  body.set(original);
  body[body.indexOf("my_agent")] = "M".charCodeAt(0);
  request.body = body;
}

describe("SigV4 on the wire, with the official SDK", () => {
  it("verifies SDK-signed requests for a served region and records the signing region", async () => {
    const emulator = await startTestEmulator({ regions: ["us-east-1", "eu-west-3"] });
    await sdkClient(emulator, SANDBOX_CREDENTIALS, "eu-west-3").send(new ListAgentRuntimesCommand({}));
    expect(emulator.requests).toMatchObject([{ signatureValid: true, signingRegion: "eu-west-3", operation: "ListAgentRuntimes" }]);
  });

  it("double-encodes path labels the way the SDK signs them", async () => {
    const emulator = await startTestEmulator();
    const error = await rejection(sdkClient(emulator).send(new GetAgentRuntimeCommand({ agentRuntimeId: "odd id/with:chars" })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(emulator.requests[0]).toMatchObject({ path: "/runtimes/odd%20id%2Fwith%3Achars/", signatureValid: true });
    expect(error.message).toContain("Value 'odd id/with:chars' at 'agentRuntimeId'");
  });

  it.each([
    ["one body byte", flipFirstNameByte, /^The provided 'x-amz-content-sha256' header does not match what was computed\.$/],
    [
      "the host header",
      (request: MutableRequest) => (request.headers["host"] = String(request.headers["host"]).replace("127.0.0.1", "127.0.0.2")),
      MISMATCH,
    ],
    ["the date header", (request: MutableRequest) => (request.headers["x-amz-date"] = "20260101T000001Z"), MISMATCH],
  ])("refuses a request whose %s changed after signing", async (_what, mutate, message) => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    afterSigning(client, mutate);
    const error = await rejection(client.send(new CreateAgentRuntimeCommand(MINIMAL_CREATE)));
    expect(error.name).toBe("InvalidSignatureException");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toMatch(message);
    expect(emulator.requests).toMatchObject([
      { signatureValid: false, signatureError: expect.stringMatching(/^InvalidSignatureException: /) },
    ]);
    expect(emulator.runtimes).toEqual([]);
  });

  it("refuses raw requests altered after signing: body (no payload-hash header), host, date", async () => {
    const emulator = await startTestEmulator();
    const body = JSON.stringify(MINIMAL_CREATE);
    const headers = await signRequest(emulator.url, { method: "PUT", path: "/runtimes/", body }, { at: EPOCH, payloadHashHeader: false });
    expect(headers).not.toHaveProperty("x-amz-content-sha256");
    const attempts = [
      { headers, body: body.replace("my_agent", "my_agenT") },
      { headers: { ...headers, host: `localhost:${emulator.port}` }, body },
      { headers: { ...headers, "x-amz-date": "20260101T000002Z" }, body },
    ];
    for (const attempt of attempts) {
      const answer = await sendRaw(emulator.url, { method: "PUT", path: "/runtimes/", ...attempt });
      expect(answer.status).toBe(403);
      expect(answer.headers["x-amzn-errortype"]).toBe("InvalidSignatureException");
      expect(JSON.parse(answer.body).message).toMatch(MISMATCH);
    }
    expect((await sendRaw(emulator.url, { method: "PUT", path: "/runtimes/", headers, body })).status).toBe(202);
    expect(emulator.requests.map((request) => request.signatureValid)).toEqual([false, false, false, true]);
  });

  it("answers a missing Authorization header with MissingAuthenticationTokenException", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    afterSigning(client, (request) => delete request.headers["authorization"]);
    const error = await rejection(client.send(new ListAgentRuntimesCommand({})));
    expect(error).toMatchObject({
      name: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("answers an unknown access key with UnrecognizedClientException", async () => {
    const emulator = await startTestEmulator();
    const error = await rejection(
      sdkClient(emulator, { accessKeyId: "AKIDUNKNOWNEXAMPLE", secretAccessKey: "whatever" }).send(new ListAgentRuntimesCommand({})),
    );
    expect(error).toMatchObject({
      name: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("accepts a configured session token only when it is sent, matches and is signed", async () => {
    const key = { accessKeyId: "AKIDSESSIONEXAMPLE", secretAccessKey: "session/secret/EXAMPLE", sessionToken: "session-token-EXAMPLE" };
    const emulator = await startTestEmulator({ credentials: [key] });
    await sdkClient(emulator, key).send(new ListAgentRuntimesCommand({}));
    expect(emulator.requests[0]?.headers["x-amz-security-token"]).toBe(key.sessionToken);
    const { sessionToken: _dropped, ...withoutToken } = key;
    for (const credentials of [{ ...key, sessionToken: "other-token" }, withoutToken]) {
      const error = await rejection(sdkClient(emulator, credentials).send(new ListAgentRuntimesCommand({})));
      expect(error.name).toBe("UnrecognizedClientException");
    }
    const unsigned = sdkClient(emulator, withoutToken);
    afterSigning(unsigned, (request) => (request.headers["x-amz-security-token"] = key.sessionToken));
    expect((await rejection(unsigned.send(new ListAgentRuntimesCommand({})))).name).toBe("UnrecognizedClientException");
    expect(emulator.requests.map((request) => request.signatureValid)).toEqual([true, false, false, false]);
  });

  it("refuses at start-up keys shaped like real AWS access keys (AKIA…, ASIA…)", async () => {
    for (const prefix of ["AKIA", "ASIA"]) {
      const accessKeyId = [prefix, "Q".repeat(16)].join("");
      await expect(startEmulator({ credentials: [{ accessKeyId, secretAccessKey: "x" }] })).rejects.toThrow(/looks like a real AWS key/);
    }
  });
});

describe("signature expiry against the emulator's clock", () => {
  const signedCreate = async (url: string, at: number) => {
    const body = JSON.stringify(MINIMAL_CREATE);
    const headers = await signRequest(url, { method: "PUT", path: "/runtimes/", body }, { at });
    return sendRaw(url, { method: "PUT", path: "/runtimes/", headers, body });
  };

  it("accepts a 4-minute-old signature and refuses a 6-minute-old one with AWS's message and a correct Date", async () => {
    const emulator = await startTestEmulator({ clock: manualClock(EPOCH + 10 * 60_000) });
    expect((await signedCreate(emulator.url, EPOCH + 6 * 60_000)).status).toBe(202);
    const refused = await signedCreate(emulator.url, EPOCH + 4 * 60_000);
    expect(refused.status).toBe(403);
    expect(refused.headers["x-amzn-errortype"]).toBe("InvalidSignatureException");
    expect(refused.headers["date"]).toBe("Thu, 01 Jan 2026 00:10:00 GMT");
    expect(JSON.parse(refused.body)).toEqual({
      message: "Signature expired: 20260101T000400Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)",
    });
  });

  it("shows the SDK the expiry when the emulator's clock has moved on", async () => {
    const emulator = await startTestEmulator();
    const client = sdkClient(emulator);
    emulator.clock.advance(6 * 60_000);
    const error = await rejection(client.send(new ListAgentRuntimesCommand({})));
    expect(error).toMatchObject({
      name: "InvalidSignatureException",
      message: "Signature expired: 20260101T000000Z is now earlier than 20260101T000100Z (20260101T000600Z - 5 min.)",
      $metadata: { httpStatusCode: 403 },
    });
  });
});
