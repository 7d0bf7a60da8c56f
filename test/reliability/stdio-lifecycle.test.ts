// The built bin over stdio across its whole life: stdout stays pure JSON-RPC whatever it is fed,
// and every way a session ends (EOF, SIGTERM, SIGINT, a reader that goes away) ends the process
// promptly, aborting calls in flight.
import { performance } from "node:perf_hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { BinProcess, RpcSession, SPAWN_POLL, type TcpProxy, processExists, startTcpProxy } from "../helpers/harness.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { emulatorEnv } from "../helpers/stdio-session.js";
import { SCALE, recordFigure } from "../helpers/figures.js";

let emulator: Emulator;
let proxy: TcpProxy | undefined;
let bin: BinProcess | undefined;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterEach(async () => {
  await bin?.kill();
  bin = undefined;
  await proxy?.close();
  proxy = undefined;
  await emulator.close();
});

function env(endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
  return emulatorEnv(endpoint, {
    LOG_LEVEL: "debug",
    ...extra,
  });
}

function startSession(endpoint = emulator.url, extra: Record<string, string> = {}): RpcSession {
  const session = new RpcSession([], env(endpoint, extra));
  bin = session;
  return session;
}

/** Resolves with the process's exit and how long after `since` (performance.now()) it came. */
async function exitAfter(s: BinProcess, since: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const exit = await s.exited;
  return { code: exit.code, signal: exit.signal, ms: exit.at - since };
}

/** What a tools/call answer carries. */
interface CallAnswer {
  result?: { isError?: boolean; content: { type: string; text: string }[] };
  error?: { code: number; message: string };
}

describe("stdout is JSON-RPC and nothing else", () => {
  it("holds across errors of every kind, malformed input lines included", { timeout: 30_000 + 10_000 * SCALE }, async () => {
    const s = startSession(emulator.url, { AWS_MAX_ATTEMPTS: "2" });
    await s.initialize();
    const call = async (name: string, args: unknown): Promise<CallAnswer> =>
      (await s.request("tools/call", { name, arguments: args })) as CallAnswer;
    const rounds = 5 * SCALE;
    for (let round = 0; round < rounds; round += 1) {
      // Success, then the same name again: ConflictException.
      const name = `lifecycle_${round}`;
      const created = await call("create_agent_runtime", { ...MINIMAL_REQUEST, agentRuntimeName: name });
      expect(created.result?.isError).toBeFalsy();
      const conflict = await call("create_agent_runtime", { ...MINIMAL_REQUEST, agentRuntimeName: name });
      expect(conflict.result?.content[0]?.text).toMatch(/^ConflictException: /);

      // Invalid arguments: rejected locally.
      const invalid = await call("create_agent_runtime", { agentRuntimeName: "1-bad", roleArn: "nope" });
      expect(invalid.result?.content[0]?.text).toMatch(/^InvalidArguments: /);

      // AWS errors injected by the emulator, one retried to the end, one that echoes the body.
      emulator.inject([
        { kind: "status", status: 429, errorType: "ThrottlingException" },
        { kind: "status", status: 429, errorType: "ThrottlingException" },
      ]);
      const throttled = await call("create_agent_runtime", { ...MINIMAL_REQUEST, agentRuntimeName: `throttled_${round}` });
      expect(throttled.result?.content[0]?.text).toMatch(/^ThrottlingException: .*\n.*attempts: 2/);
      emulator.inject({ kind: "status", status: 400, errorType: "ValidationException", echoRequest: true });
      const echoed = await call("create_agent_runtime", {
        ...MINIMAL_REQUEST,
        agentRuntimeName: `echoed_${round}`,
        description: "line one\nline two",
      });
      expect(echoed.result?.content[0]?.text).toMatch(/^ValidationException: /);
      emulator.inject({ kind: "non-json" });
      const html = await call("get_agent_runtime", { agentRuntimeId: `${name}-AbCdE12345` });
      expect(html.result?.isError).toBe(true);
      const missing = await call("get_agent_runtime", { agentRuntimeId: "missing_runtime-AbCdE12345" });
      expect(missing.result?.content[0]?.text).toMatch(/^ResourceNotFoundException: /);

      // Unknown tool and unknown method.
      const unknownTool = await call("no_such_tool", {});
      expect(unknownTool.error ?? unknownTool.result?.isError).toBeTruthy();
      const unknownMethod = (await s.request("no/such/method")) as CallAnswer;
      expect(unknownMethod.error?.code).toBe(-32601);

      // Malformed lines: not JSON, truncated JSON, JSON that is not JSON-RPC, binary noise.
      s.writeRaw("this is not json\n");
      s.writeRaw('{"jsonrpc":"2.0","id":\n');
      s.writeRaw('{"hello":"world"}\n');
      s.writeRaw("[1,2,3]\n");
      s.writeRaw("\u0000\u0001\u00ff\n\n");
      const list = await s.request("tools/list");
      expect(list.result).toBeDefined();
    }
    s.endInput();
    expect((await s.exited).code).toBe(0);

    const notJson: string[] = [];
    for (const line of s.stdoutLines) {
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        notJson.push(line);
        continue;
      }
      if (typeof message !== "object" || message === null || (message as { jsonrpc?: unknown }).jsonrpc !== "2.0") notJson.push(line);
    }
    expect(notJson).toEqual([]);
    expect(s.stdoutLines.length).toBeGreaterThanOrEqual(rounds * 10);
    // Logs were written all along; they went to stderr.
    expect(s.stderr).toContain("retrying");
    recordFigure("stdio: stdout lines checked, all JSON-RPC", s.stdoutLines.length);
  });
});

describe("ending a session", () => {
  it("exits 0 within 2 s of stdin reaching EOF", async () => {
    const s = startSession();
    await s.initialize();
    const since = s.endInput();
    const exit = await exitAfter(s, since);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(2000);
    recordFigure("stdio: exit after stdin EOF", Math.round(exit.ms), "ms");
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "exits within 2 s of %s while a call hangs, aborting the request to AWS and never answering it",
    async (signal) => {
      // The bin reaches the emulator through a relay, which sees the connection close. The bin
      // writes the relay's address in Host, so the emulator's DNS-rebinding guard must allow it.
      const relay = await startTcpProxy(() => emulator.port);
      proxy = relay;
      await emulator.close();
      emulator = await startEmulator({ port: 0, allowedHosts: [new URL(relay.url).host] });
      emulator.setFaultRule(() => ({ kind: "hang" }));
      const s = startSession(relay.url);
      await s.initialize();
      void s.request("tools/call", { name: "create_agent_runtime", arguments: MINIMAL_REQUEST }, "hanging");
      await expect.poll(() => emulator.requests.length, SPAWN_POLL).toBe(1);
      expect(relay.open).toBe(1);

      const since = s.signal(signal);
      const exit = await exitAfter(s, since);
      // Code 0 is the close finishing: the backstop timer (grace + 5 s) exits 1.
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.ms).toBeLessThan(2000);
      recordFigure(`stdio: exit after ${signal} with a call hanging`, Math.round(exit.ms), "ms");

      await expect.poll(() => relay.open, SPAWN_POLL).toBe(0);
      expect(relay.opened).toBe(1);
      expect(s.child.pid !== undefined && processExists(s.child.pid)).toBe(false);
      expect(s.stdoutLines.some((line) => line.includes('"id":"hanging"'))).toBe(false);
      expect(s.stderr).not.toMatch(/Unhandled|uncaught|\n\s+at /i);
      // The hanging request was the only one: nothing was retried on the way out.
      expect(emulator.requests).toHaveLength(1);
    },
  );

  it("aborts the request to AWS on notifications/cancelled, never answers the call, and keeps serving", async () => {
    // The e2e cancellation test only checks that no answer comes, which a server ignoring the
    // notification also passes (the call just hangs on); the relay shows the request was aborted.
    const relay = await startTcpProxy(() => emulator.port);
    proxy = relay;
    await emulator.close();
    emulator = await startEmulator({ port: 0, allowedHosts: [new URL(relay.url).host] });
    emulator.setFaultRule((request) => (request.method === "PUT" ? { kind: "hang" } : undefined));
    const s = startSession(relay.url, { AGENTCORE_MCP_ATTEMPT_TIMEOUT_MS: "60000", AGENTCORE_MCP_DEADLINE_MS: "60000" });
    await s.initialize();
    void s.request("tools/call", { name: "create_agent_runtime", arguments: MINIMAL_REQUEST }, "hanging");
    await expect.poll(() => emulator.requests.length, SPAWN_POLL).toBe(1);
    expect(relay.open).toBe(1);

    s.notify("notifications/cancelled", { requestId: "hanging", reason: "user" });
    await expect.poll(() => relay.open, SPAWN_POLL).toBe(0);
    const list = await s.request("tools/list");
    expect(list.result).toBeDefined();
    expect(s.running).toBe(true);
    expect(s.stdoutLines.some((line) => line.includes('"id":"hanging"'))).toBe(false);
    // Cancelled, not retried.
    expect(emulator.requests).toHaveLength(1);
  });

  it("exits within 2 s, without an unhandled error, when the reader of stdout goes away (EPIPE)", async () => {
    const proc = new BinProcess([], env(emulator.url));
    bin = proc;
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "epipe", version: "1" } },
    };
    proc.child.stdin.write(`${JSON.stringify(initialize)}\n`);
    await expect.poll(() => proc.stdout.includes('"id":1'), SPAWN_POLL).toBe(true);
    proc.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);

    proc.child.stdout.destroy();
    const since = performance.now();
    // The answer (every tool's schema) must be written to a pipe nobody reads any more.
    proc.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} })}\n`);
    const exit = await proc.exited;
    const ms = exit.at - since;
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(0);
    expect(ms).toBeLessThan(2000);
    expect(proc.stderr).not.toMatch(/Unhandled|uncaught|EPIPE|\n\s+at /i);
    recordFigure("stdio: exit after stdout reader went away (EPIPE)", Math.round(ms), "ms");
  });
});
