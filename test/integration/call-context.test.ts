import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { systemEnvironment } from "../../src/app.js";
import { MINIMAL_REQUEST, type Stack, textOf, useStack } from "../helpers/stack.js";

const start = useStack();
const creates = (s: Stack) => s.emulator.requests.filter((request) => request.method === "PUT");
const reads = (s: Stack) => s.emulator.requests.filter((request) => request.method === "GET");

/** Waits until `count()` reaches `atLeast`, polling the real clock. */
async function until(count: () => number, atLeast: number): Promise<void> {
  await expect.poll(count, { timeout: 10_000, interval: 5 }).toBeGreaterThanOrEqual(atLeast);
}

/**
 * Cancels a call once `ready` holds, then checks the emulator: at most one request may still be
 * on its way within 100 ms of the cancel, and none arrives after that.
 */
async function expectCancelStopsRequests(
  s: Stack,
  pending: Promise<unknown>,
  controller: AbortController,
  ready: () => boolean,
): Promise<void> {
  await expect.poll(ready, { timeout: 10_000, interval: 5 }).toBe(true);
  const atCancel = s.emulator.requests.length;
  controller.abort();
  await expect(pending).rejects.toThrow();
  await delay(100);
  const soon = s.emulator.requests.length;
  await delay(600);
  expect(soon - atCancel).toBeLessThanOrEqual(1);
  expect(s.emulator.requests.length).toBe(soon);
}

describe("a lost answer never leads to a second runtime", () => {
  it.each([
    ["a caller-supplied token", { clientToken: "caller-token-0123456789abcdef0123456789" }],
    ["a generated token", {}],
  ])(
    "every answer lost after creation, with %s: the result carries the token, and repeating with it returns the one runtime",
    async (_label, token) => {
      const s = await start();
      s.emulator.setFaultRule((context) =>
        context.operation === "CreateAgentRuntime" ? { kind: "reset", afterProcessing: true } : undefined,
      );
      const lost = await s.call({ ...MINIMAL_REQUEST, ...token });
      expect(lost.isError).toBe(true);
      const clientToken = String(lost.structuredContent?.clientToken);
      if ("clientToken" in token) expect(clientToken).toBe(token.clientToken);
      expect(textOf(lost)).toContain(`clientToken: ${clientToken}`);
      expect(textOf(lost)).toMatch(new RegExp(`Next step: .*clientToken "${clientToken}"`));
      expect(lost.structuredContent).toMatchObject({ region: "us-east-1", error: { code: "NetworkError" } });
      expect(s.emulator.runtimes).toHaveLength(1);

      s.emulator.clearFaults();
      const repeated = await s.call({ ...MINIMAL_REQUEST, clientToken });
      expect(repeated.isError).toBeFalsy();
      expect(repeated.structuredContent?.agentRuntimeId).toBe(s.emulator.runtimes[0]?.agentRuntimeId);
      expect(s.emulator.runtimes).toHaveLength(1);
    },
  );

  it("repeating without the token gets ConflictException naming the existing runtime's id and ARN", async () => {
    const s = await start();
    s.emulator.setFaultRule((context) =>
      context.operation === "CreateAgentRuntime" ? { kind: "reset", afterProcessing: true } : undefined,
    );
    await s.call({ ...MINIMAL_REQUEST });
    s.emulator.clearFaults();
    const again = await s.call({ ...MINIMAL_REQUEST });
    const existing = s.emulator.runtimes[0];
    expect(textOf(again)).toMatch(/^ConflictException: /);
    expect(again.structuredContent).toMatchObject({ agentRuntimeId: existing?.agentRuntimeId, agentRuntimeArn: existing?.agentRuntimeArn });
    expect(textOf(again)).toContain(`ARN ${existing?.agentRuntimeArn ?? "?"}`);
    expect(s.emulator.runtimes).toHaveLength(1);
  });
});

describe("the call's budget holds", () => {
  it("a wait of N s whose status reads hang ends within N s plus one attempt's limit", async () => {
    const s = await start({
      env: systemEnvironment(),
      argv: ["--attempt-timeout-ms", "400", "--max-attempts", "5"],
      emulator: { createDelayMs: 600_000 },
    });
    s.emulator.setFaultRule((context) => (context.operation === "GetAgentRuntime" ? { kind: "hang" } : undefined));
    const started = performance.now();
    const result = await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 2 });
    const elapsed = performance.now() - started;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "CREATING", waited: { timedOut: true }, agentRuntimeId: expect.any(String) });
    expect(elapsed).toBeLessThan(2000 + 400 + 300);
  });

  it("no call outlives --deadline-ms, retries and waits included", async () => {
    const s = await start({ env: systemEnvironment(), argv: ["--deadline-ms", "700", "--attempt-timeout-ms", "5000"] });
    s.emulator.setFaultRule(() => ({ kind: "hang" }));
    const started = performance.now();
    const result = await s.call({ ...MINIMAL_REQUEST, clientToken: "deadline-token-0123456789abcdef012345" });
    expect(performance.now() - started).toBeLessThan(700 + 300);
    expect(result.structuredContent).toMatchObject({
      clientToken: "deadline-token-0123456789abcdef012345",
      error: { code: "DeadlineExceeded" },
    });
  });
});

describe("cancel stops every request of the call within 100 ms", () => {
  // A short attempt limit makes a missed cancel visible: the client would retry within the window.
  it("get_agent_runtime, while its request hangs", async () => {
    const s = await start({ env: systemEnvironment(), argv: ["--attempt-timeout-ms", "150"] });
    s.emulator.setFaultRule(() => ({ kind: "hang" }));
    const controller = new AbortController();
    const pending = s.client.callTool({ name: "get_agent_runtime", arguments: { agentRuntimeId: "my_agent-AbCdE12345" } }, undefined, {
      signal: controller.signal,
    });
    await expectCancelStopsRequests(s, pending, controller, () => reads(s).length >= 1);
  });

  it("create, during the send", async () => {
    const s = await start({ env: systemEnvironment(), argv: ["--attempt-timeout-ms", "150"] });
    s.emulator.setFaultRule(() => ({ kind: "hang" }));
    const controller = new AbortController();
    const pending = s.call({ ...MINIMAL_REQUEST }, { signal: controller.signal });
    await expectCancelStopsRequests(s, pending, controller, () => creates(s).length >= 1);
  });

  it("create, during retry back-off", async () => {
    const s = await start({ env: systemEnvironment(), argv: ["--max-attempts", "10"] });
    s.emulator.setFaultRule(() => ({ kind: "status", status: 503 }));
    const controller = new AbortController();
    const pending = s.call({ ...MINIMAL_REQUEST }, { signal: controller.signal });
    await until(() => creates(s).length, 2);
    await expectCancelStopsRequests(s, pending, controller, () => true);
  });

  it("create, during the wait for READY", async () => {
    const s = await start({ env: systemEnvironment(), emulator: { createDelayMs: 600_000 } });
    const controller = new AbortController();
    const pending = s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 30 }, { signal: controller.signal });
    await expectCancelStopsRequests(s, pending, controller, () => reads(s).length >= 1);
  });
});
