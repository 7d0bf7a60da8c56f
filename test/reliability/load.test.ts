// The built bin over HTTP under load while the emulator misbehaves: 32 clients, 5% 503s, 2% resets
// after the emulator has done the work, 1% hangs. Normal mode runs the load for 5 s; the long mode
// (RELIABILITY_SCALE > 1, `npm run test:reliability`) for the full 20 s.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, type Fault, startEmulator } from "../../src/emulator/index.js";
import { type HttpBin, spawnHttpBin } from "../helpers/harness.js";
import { emulatorEnv } from "../helpers/stdio-session.js";
import { SCALE, recordFigure } from "../helpers/figures.js";
import { type CallRecord, type ToolResult, createdIds, judge, quantile, runLoad, seededRandom } from "../helpers/load-client.js";

const CLIENTS = 32;
const DURATION_MS = SCALE > 1 ? 20_000 : 5_000;
/**
 * The same load without faults in the same run, half before and half after the faulty one, so that
 * the bin warming up (or the machine's other work) weighs on both alike; the figures are read against it.
 */
const BASELINE_MS = DURATION_MS;
const WARM_UP_MS = 1500;
const SEED = Number(process.env.RELIABILITY_SEED ?? "20261202");
/** Each attempt gives up after this, so a hung answer costs a retry rather than the call. */
const ATTEMPT_TIMEOUT_MS = 1000;

let emulator: Emulator;
let bin: HttpBin | undefined;
const injected = { status: 0, reset: 0, hang: 0 };

/** The fault mix of the brief, drawn per API request from a seeded generator. */
function faultMix(random: () => number): () => Fault | undefined {
  return () => {
    const roll = random();
    if (roll < 0.05) {
      injected.status += 1;
      return { kind: "status", status: 503 };
    }
    if (roll < 0.07) {
      injected.reset += 1;
      return { kind: "reset", afterProcessing: true };
    }
    if (roll < 0.08) {
      injected.hang += 1;
      return { kind: "hang" };
    }
    return undefined;
  };
}

beforeEach(async () => {
  injected.status = injected.reset = injected.hang = 0;
  // Far above what the long mode creates: a quota refusal would be a fast answer that flatters the figures.
  emulator = await startEmulator({ port: 0, createDelayMs: 500, maxRuntimes: 1_000_000, random: seededRandom(SEED + 1) });
  bin = await spawnHttpBin(
    ["--transport", "http", "--host", "127.0.0.1", "--port", "0"],
    emulatorEnv(emulator.url, {
      AWS_MAX_ATTEMPTS: "5",
      AGENTCORE_MCP_ATTEMPT_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
      // Under the 10 s default grace, so every call in flight at SIGTERM can end before it runs out.
      AGENTCORE_MCP_DEADLINE_MS: "8000",
      LOG_LEVEL: "info",
    }),
  );
});
afterEach(async () => {
  await bin?.proc.kill();
  bin = undefined;
  await emulator.close();
});

/** Names of the runtimes asked for more than once, with the client tokens each name was sent with. */
function idempotencyViolations(): { byName: string[]; byClientToken: string[] } {
  const runtimesPerName = new Map<string, number>();
  for (const runtime of emulator.runtimes)
    runtimesPerName.set(runtime.agentRuntimeName, (runtimesPerName.get(runtime.agentRuntimeName) ?? 0) + 1);
  const tokensPerName = new Map<string, Set<string>>();
  for (const request of emulator.requests) {
    if (request.operation !== "CreateAgentRuntime") continue;
    const body = JSON.parse(request.bodyText) as { agentRuntimeName: string; clientToken?: string };
    const tokens = tokensPerName.get(body.agentRuntimeName) ?? new Set<string>();
    tokens.add(body.clientToken ?? "(none)");
    tokensPerName.set(body.agentRuntimeName, tokens);
  }
  return {
    byName: [...runtimesPerName].filter(([, count]) => count > 1).map(([name]) => name),
    // A retry under a fresh token would make the emulator create again (or refuse the name as taken).
    byClientToken: [...tokensPerName].filter(([, tokens]) => tokens.size > 1 || tokens.has("(none)")).map(([name]) => name),
  };
}

function brokenCalls(records: readonly CallRecord[]): CallRecord[] {
  return records.filter((record) => judge(record) === "broken");
}

/** `Code ×count, …` of the clean isError results, most frequent first; `none` when every call succeeded. */
function errorCodes(records: readonly CallRecord[]): string {
  const counts = new Map<string, number>();
  for (const record of records) {
    if (judge(record) !== "clean-error") continue;
    const text = (record.answers[0]?.["result"] as ToolResult).content?.[0]?.text ?? "";
    const code = `${record.tool} ${text.slice(0, text.indexOf(":"))}`;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  return sorted.length === 0 ? "none" : sorted.map(([code, count]) => `${code} ×${count}`).join(", ");
}

function latencies(records: readonly CallRecord[]): { p50: number; p99: number; perSecond: number } {
  const ms = records.map((record) => record.ms);
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), perSecond: records.length / (DURATION_MS / 1000) };
}

function summarize(records: readonly CallRecord[], baseline: readonly CallRecord[]): void {
  const label = "load with faults";
  const faulty = latencies(records);
  const clean = { ...latencies(baseline), perSecond: baseline.length / (BASELINE_MS / 1000) };
  const ratio = (value: number, base: number): string => `${(value / base).toFixed(2)}×`;
  recordFigure(`${label}: calls (${CLIENTS} clients, ${DURATION_MS / 1000} s)`, records.length);
  recordFigure(
    `${label}: calls/s (× the fault-free baseline)`,
    `${Math.round(faulty.perSecond)} (${ratio(faulty.perSecond, clean.perSecond)})`,
  );
  recordFigure(`${label}: p50 latency (× baseline)`, `${Math.round(faulty.p50)} ms (${ratio(faulty.p50, clean.p50)})`);
  recordFigure(`${label}: p99 latency (× baseline)`, `${Math.round(faulty.p99)} ms (${ratio(faulty.p99, clean.p99)})`);
  recordFigure(
    `${label}: fault-free baseline (${BASELINE_MS / 1000} s): calls/s, p50, p99`,
    `${Math.round(clean.perSecond)}, ${Math.round(clean.p50)} ms, ${Math.round(clean.p99)} ms`,
  );
  recordFigure(`${label}: clean isError results, by code`, errorCodes(records));
  recordFigure(
    `${label}: faults injected (503 / reset after processing / hang)`,
    `${injected.status} / ${injected.reset} / ${injected.hang}`,
  );
}

describe("load with faults", () => {
  it(
    `${CLIENTS} clients: every call ends in success or one clean isError, no duplicate runtime, no crash`,
    { timeout: WARM_UP_MS + BASELINE_MS + DURATION_MS + 60_000 },
    async () => {
      const server = bin;
      if (server === undefined) throw new Error("no bin");
      // Unmeasured: the bin's lazy imports and the JIT warm up, and every client has runtimes to read.
      const warmUp = await runLoad({
        port: server.port,
        clients: CLIENTS,
        durationMs: WARM_UP_MS,
        random: seededRandom(SEED + 5),
        prefix: "warm",
      });
      expect(brokenCalls(warmUp)).toEqual([]);
      const known = createdIds(warmUp);
      const phase = (durationMs: number, prefix: string, seed: number): Promise<CallRecord[]> =>
        runLoad({ port: server.port, clients: CLIENTS, durationMs, random: seededRandom(seed), prefix, known });
      const before = await phase(BASELINE_MS / 2, "before", SEED + 4);
      emulator.setFaultRule(faultMix(seededRandom(SEED)));
      const records = await phase(DURATION_MS, "load", SEED + 2);
      emulator.setFaultRule(undefined);
      const after = await phase(BASELINE_MS / 2, "after", SEED + 6);
      const baseline = [...before, ...after];
      expect(brokenCalls(baseline)).toEqual([]);

      expect(brokenCalls(records)).toEqual([]);
      // Names are unique per call, so a taken name means a retry lost its idempotency.
      const conflicts = records.filter((record) => JSON.stringify(record.answers).includes("ConflictException"));
      expect(conflicts).toEqual([]);
      expect(idempotencyViolations()).toEqual({ byName: [], byClientToken: [] });
      const created = records.filter((record) => record.tool === "create_agent_runtime" && judge(record) === "success");
      const names = new Set(emulator.runtimes.map((runtime) => runtime.agentRuntimeName));
      expect(created.filter((record) => record.name === undefined || !names.has(record.name))).toEqual([]);
      // The faults did happen, each kind of them.
      expect(injected.status * injected.reset * injected.hang).toBeGreaterThan(0);

      expect(server.proc.running).toBe(true);
      expect(server.proc.stderr).not.toMatch(/Unhandled|uncaught|\n\s+at /i);
      summarize(records, baseline);
      recordFigure("load with faults: duplicate runtimes (by clientToken / by name)", "0 / 0");
    },
  );
});

describe("shutdown under load", () => {
  it(
    "SIGTERM while calls are in flight: each is answered before the exit, and the exit code is 0",
    { timeout: DURATION_MS + 60_000 },
    async () => {
      const server = bin;
      if (server === undefined) throw new Error("no bin");
      emulator.setFaultRule(faultMix(seededRandom(SEED)));
      const stop = new AbortController();
      let signalledAt = Number.POSITIVE_INFINITY;
      // Half-way through, once every client has a call going.
      const timer = setTimeout(() => {
        stop.abort();
        signalledAt = server.proc.signal("SIGTERM");
      }, DURATION_MS / 2);
      const records = await runLoad({
        port: server.port,
        clients: CLIENTS,
        durationMs: DURATION_MS,
        random: seededRandom(SEED + 3),
        prefix: "shutdown",
        stop: stop.signal,
      });
      clearTimeout(timer);
      const exit = await server.proc.exited;

      const inFlight = records.filter((record) => record.startedAt < signalledAt && record.startedAt + record.ms > signalledAt);
      // Each client had a call going when the signal came (a handful may just have been answered).
      expect(inFlight.length).toBeGreaterThan(CLIENTS / 2);
      // Answered in full, or — for a request that reached the server after it stopped accepting — refused with 503.
      const lost = inFlight.filter((record) => judge(record) === "broken" && record.status !== 503);
      expect(lost).toEqual([]);
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(server.proc.stderr).not.toMatch(/Unhandled|uncaught|\n\s+at /i);
      expect(server.proc.stderr).not.toMatch(/shutdown grace elapsed|did not finish in time/);
      const lastAnswer = Math.max(...inFlight.map((record) => record.startedAt + record.ms));
      const refused = inFlight.filter((record) => record.status === 503).length;
      recordFigure(
        "shutdown under load: calls in flight at SIGTERM, answered",
        `${inFlight.length - refused} of ${inFlight.length} (${refused} refused with 503)`,
      );
      recordFigure("shutdown under load: exit after SIGTERM", Math.round(exit.at - signalledAt), "ms");
      recordFigure("shutdown under load: exit after the last answer", Math.round(exit.at - lastAnswer), "ms");
      recordFigure("shutdown under load: exit code", String(exit.code));
    },
  );
});
