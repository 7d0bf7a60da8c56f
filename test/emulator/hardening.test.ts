import { afterEach, describe, expect, it } from "vitest";
import { CreateAgentRuntimeCommand, ListAgentRuntimesCommand } from "@aws-sdk/client-bedrock-agentcore-control";
import type { Emulator } from "../../src/emulator/index.js";
import { EPOCH, MINIMAL_CREATE, closeAll, sdkClient, sendRaw, signRequest, startTestEmulator } from "../helpers/emulator.js";

afterEach(closeAll);

// Written out rather than imported, so that these tests judge the wire, not a shared constant.
const TOKEN_HEADER = "x-emulator-control-token";
const SESSION = { accessKeyId: "AKIDSESSIONEXAMPLE", secretAccessKey: "session/secret", sessionToken: "session-token-SECRET-value" };

function control(emulator: Emulator, method: string, path: string, options: { token?: string; host?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token !== undefined) headers[TOKEN_HEADER] = options.token;
  if (options.host !== undefined) headers["host"] = options.host;
  return sendRaw(emulator.url, { method, path, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
}

async function signedList(emulator: Emulator, host?: string, at = EPOCH) {
  const headers = await signRequest(emulator.url, { method: "POST", path: "/runtimes/" }, { at });
  return sendRaw(emulator.url, { method: "POST", path: "/runtimes/", headers: host === undefined ? headers : { ...headers, host } });
}

describe("the DNS-rebinding guard", () => {
  it("answers API requests only when Host names a loopback address or the bound host with the emulator's port", async () => {
    const emulator = await startTestEmulator();
    for (const host of [
      `127.0.0.1:${emulator.port}`,
      `localhost:${emulator.port}`,
      `LOCALHOST:${emulator.port}`,
      `[::1]:${emulator.port}`,
    ]) {
      expect((await signedList(emulator, host)).status).not.toBe(421);
    }
    for (const host of [`attacker.example:${emulator.port}`, "127.0.0.1:1", "127.0.0.1", `localhost.attacker.example:${emulator.port}`]) {
      const refused = await signedList(emulator, host);
      expect(refused.status).toBe(421);
      expect(refused.headers["x-amzn-errortype"]).toBe("MisdirectedRequestException");
    }
  });

  it("does nothing for a refused Host: no runtime, no record", async () => {
    const emulator = await startTestEmulator();
    const body = JSON.stringify(MINIMAL_CREATE);
    const headers = await signRequest(emulator.url, { method: "PUT", path: "/runtimes/", body }, { at: EPOCH });
    const refused = await sendRaw(emulator.url, {
      method: "PUT",
      path: "/runtimes/",
      headers: { ...headers, host: `rebound.example:${emulator.port}` },
      body,
    });
    expect(refused.status).toBe(421);
    expect(emulator.runtimes).toEqual([]);
    expect(emulator.requests).toEqual([]);
  });

  it("answers names the operator allows", async () => {
    const emulator = await startTestEmulator({ allowedHosts: ["emulator.internal"] });
    expect((await signedList(emulator, `emulator.internal:${emulator.port}`)).status).not.toBe(421);
    expect((await signedList(emulator, `other.internal:${emulator.port}`)).status).toBe(421);
  });

  it("guards the control endpoints too", async () => {
    const emulator = await startTestEmulator();
    const refused = await control(emulator, "GET", "/__emulator/requests", {
      token: emulator.controlToken ?? "",
      host: `attacker.example:${emulator.port}`,
    });
    expect(refused.status).toBe(421);
  });
});

describe("the control token", () => {
  it("is required in x-emulator-control-token for every control endpoint", async () => {
    const emulator = await startTestEmulator({ controlToken: "the-right-token" });
    expect(emulator.controlToken).toBe("the-right-token");
    for (const [method, path] of [
      ["GET", "/__emulator/requests"],
      ["DELETE", "/__emulator/requests"],
      ["POST", "/__emulator/faults"],
      ["DELETE", "/__emulator/faults"],
    ] as const) {
      for (const token of [undefined, "the-wrong-token", "the-right-tokem"]) {
        const refused = await control(emulator, method, path, {
          ...(token === undefined ? {} : { token }),
          ...(method === "POST" ? { body: { kind: "hang" } } : {}),
        });
        expect(refused.status).toBe(403);
        expect(refused.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
        expect(refused.body).not.toContain("the-right-token");
      }
    }
    // No hang was queued by the refused requests.
    expect((await signedList(emulator)).status).toBe(200);
    expect((await control(emulator, "GET", "/__emulator/requests", { token: "the-right-token" })).status).toBe(200);
  });

  it("is random per run by default", async () => {
    const [a, b] = await Promise.all([startTestEmulator(), startTestEmulator()]);
    expect(a?.controlToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a?.controlToken).not.toBe(b?.controlToken);
  });

  it("does not exist on a bind beyond loopback, where the control endpoints are off", async () => {
    const emulator = await startTestEmulator({ host: "0.0.0.0" });
    expect(emulator.controlToken).toBeUndefined();
    const off = await control(emulator, "GET", "/__emulator/requests", { token: "", host: `127.0.0.1:${emulator.port}` });
    expect(off.status).toBe(404);
    expect(off.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
  });
});

describe("clearing faults", () => {
  it("DELETE /__emulator/faults also ends a clock skew a clock-skew fault set", async () => {
    const emulator = await startTestEmulator();
    const token = emulator.controlToken ?? "";
    expect((await control(emulator, "POST", "/__emulator/faults", { token, body: { kind: "clock-skew", ms: 600_000 } })).status).toBe(200);
    expect((await signedList(emulator)).status).toBe(403);
    expect((await signedList(emulator)).status).toBe(403);
    expect((await control(emulator, "DELETE", "/__emulator/faults", { token })).status).toBe(200);
    expect((await signedList(emulator)).status).toBe(200);
  });

  it("clearFaults() puts the skew back to the configured clockSkewMs", async () => {
    const emulator = await startTestEmulator({ clockSkewMs: 1000 });
    emulator.inject({ kind: "clock-skew", ms: -600_000 });
    expect((await signedList(emulator, undefined, EPOCH + 1000)).status).toBe(403);
    emulator.clearFaults();
    expect((await signedList(emulator, undefined, EPOCH + 1000)).status).toBe(200);
  });
});

describe("recording", () => {
  it("with redactRecordedSecrets stores no Authorization or session token, in memory or over HTTP", async () => {
    const emulator = await startTestEmulator({ credentials: [SESSION], redactRecordedSecrets: true });
    await sdkClient(emulator, SESSION).send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    const [recorded] = emulator.requests;
    expect(recorded?.signatureValid).toBe(true);
    expect(recorded?.headers).not.toHaveProperty("authorization");
    expect(recorded?.headers).not.toHaveProperty("x-amz-security-token");
    expect(recorded?.headers["x-amz-date"]).toEqual(expect.any(String));
    const served = await control(emulator, "GET", "/__emulator/requests", { token: emulator.controlToken ?? "" });
    expect(served.body).toContain("CreateAgentRuntime");
    expect(served.body).not.toContain(SESSION.sessionToken);
    expect(served.body).not.toContain("Signature=");
  });

  it("with redactRecordedSecrets masks the body's sensitive members and unknown ones, keeping the rest", async () => {
    const emulator = await startTestEmulator({ redactRecordedSecrets: true });
    const body = JSON.stringify({
      ...MINIMAL_CREATE,
      description: "private words",
      environmentVariables: { API_KEY: "env-SECRET-value" },
      surprise: "extra-SECRET",
    });
    const headers = await signRequest(emulator.url, { method: "PUT", path: "/runtimes/", body }, { at: EPOCH });
    await sendRaw(emulator.url, { method: "PUT", path: "/runtimes/", headers, body });
    const [recorded] = emulator.requests;
    expect(JSON.parse(recorded?.bodyText ?? "")).toEqual({
      ...MINIMAL_CREATE,
      description: "***",
      environmentVariables: "***",
      surprise: "***",
    });
    expect(recorded?.rawBody.toString("utf8")).not.toContain("SECRET");
    const unrouted = await sendRaw(emulator.url, {
      method: "POST",
      path: "/nowhere",
      headers: { "content-type": "application/json" },
      body: '{"token":"route-SECRET"}',
    });
    expect(unrouted.status).toBe(403);
    expect(emulator.requests[1]?.bodyText).toBe("");
  });

  it("answers a body nested too deep with 400 ValidationException, recorded or not", async () => {
    for (const redactRecordedSecrets of [false, true]) {
      const emulator = await startTestEmulator({ redactRecordedSecrets });
      const deep = "[".repeat(100_000) + "]".repeat(100_000);
      const body = JSON.stringify({ ...MINIMAL_CREATE, tags: { deep: "x" } }).replace('"x"', deep);
      const headers = await signRequest(emulator.url, { method: "PUT", path: "/runtimes/", body }, { at: EPOCH });
      const answer = await sendRaw(emulator.url, { method: "PUT", path: "/runtimes/", headers, body });
      expect(answer.status).toBe(400);
      expect(answer.headers["x-amzn-errortype"]).toMatch(/^ValidationException/);
      expect(answer.body).toContain("nests deeper than 64 levels");
    }
  });

  it("records nothing with maxRecordedRequests 0", async () => {
    const emulator = await startTestEmulator({ maxRecordedRequests: 0 });
    await sdkClient(emulator).send(new ListAgentRuntimesCommand({}));
    expect(emulator.requests).toEqual([]);
  });
});
