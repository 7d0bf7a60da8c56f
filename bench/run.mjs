#!/usr/bin/env node
// `npm run bench`: cold start, call overhead, HTTP throughput, memory and tools/list size of the
// built server. Prints a table and writes bench/results/latest.json. Loopback only; needs a build.
//
// Knobs (environment): BENCH_COLD_ROUNDS (20), BENCH_CALLS (500), BENCH_HTTP_SECONDS (10),
// BENCH_HTTP_CONCURRENCY (32), BENCH_MEMORY_CALLS (10000), BENCH_FIRST_CALL_ROUNDS (10),
// BENCH_PREFLIGHT_ROUNDS (20), BENCH_PREFLIGHT_LATENCY_MS (40),
// BENCH_INVOKE_CALLS (200), BENCH_INVOKE_LATENCY_MS (20), BENCH_INVOKE_LATENCY_CALLS (50), BENCH_STREAMS (20),
// BENCH_ONLY (comma list of lazy,cold,first,calls,invoke,http,memory,preflight; default all).
import { Buffer } from "node:buffer";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createArguments, measureCallOverhead } from "./call-overhead.mjs";
import { measureColdStart } from "./cold-start.mjs";
import { measureFirstCall } from "./first-call.mjs";
import { measureHttpThroughput, measureMinimalHttp } from "./http-throughput.mjs";
import { measureInvoke } from "./invoke.mjs";
import { checkLazyLoading } from "./lazy-loading.mjs";
import { measureMemory } from "./memory.mjs";
import { startLatencyProxy } from "./latency-proxy.mjs";
import { measurePreflight } from "./preflight.mjs";
import { round } from "./stats.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const BUNDLE = join(root, "dist", "agentcore-runtime-mcp.mjs");
const UNBUNDLED = join(root, "dist", "index.js");
// The baselines: a minimal one-tool server on the v2 SDK (this server's SDK; the targets), and the
// same on the v1 SDK (the SDK it ran on before; a second line for comparison).
const MINIMAL_V2 = join(root, "bench", "baseline-minimal-v2-server.mjs");
const MINIMAL = join(root, "bench", "baseline-minimal-server.mjs");
// The thinnest MCP server that invokes an agent: one v2 SDK tool around InvokeAgentRuntimeCommand.
const INVOKE_WRAPPER = join(root, "bench", "baseline-invoke-v2-server.mjs");
const RESULTS = join(root, "bench", "results", "latest.json");

const knob = (name, fallback) => (process.env[name] === undefined || process.env[name] === "" ? fallback : Number(process.env[name]));
const settings = {
  coldRounds: knob("BENCH_COLD_ROUNDS", 20),
  coldWarmup: 2,
  firstCallRounds: knob("BENCH_FIRST_CALL_ROUNDS", 10),
  firstCallWarmup: 1,
  calls: knob("BENCH_CALLS", 500),
  callWarmup: 20,
  httpSeconds: knob("BENCH_HTTP_SECONDS", 10),
  httpWarmupSeconds: 2,
  httpConcurrency: knob("BENCH_HTTP_CONCURRENCY", 32),
  httpCreateBurst: 900,
  memoryCalls: knob("BENCH_MEMORY_CALLS", 10_000),
  memoryInFlight: 4,
  preflightRounds: knob("BENCH_PREFLIGHT_ROUNDS", 20),
  preflightWarmup: 2,
  preflightLatencyMs: knob("BENCH_PREFLIGHT_LATENCY_MS", 40),
  invokeCalls: knob("BENCH_INVOKE_CALLS", 200),
  invokeLatencyMs: knob("BENCH_INVOKE_LATENCY_MS", 20),
  invokeLatencyCalls: knob("BENCH_INVOKE_LATENCY_CALLS", 50),
  streams: knob("BENCH_STREAMS", 20),
};
const only = new Set(
  (process.env.BENCH_ONLY ?? "lazy,cold,first,calls,invoke,http,memory,preflight").split(",").map((item) => item.trim()),
);

const TARGETS = {
  coldVsBareNode: 2.0,
  coldVsMinimalSdk: 0.7,
  callRatio: 2.0,
  invokeRatio: 1.3,
  firstChunkExtraMs: 50,
  httpCallsPerSecond: 1000,
  httpP99Ms: 100,
  memoryGrowthMiB: 10,
  toolsListKiB: 24,
  preflightVsSlowestCheck: 1.5,
};

const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const progress = (label) => (done, total) => {
  if (process.stderr.isTTY) process.stderr.write(`\r[bench] ${label} ${done}/${total}   ${done === total ? "\n" : ""}`);
};

for (const file of [BUNDLE, UNBUNDLED, join(root, "dist", "emulator", "index.js"), join(root, "dist", "preflight", "index.js")]) {
  if (!existsSync(file)) {
    log(`${file} is missing: run \`npm run build\` first (or \`npm run bench\`, which builds).`);
    process.exit(1);
  }
}

// The official SDK warns, once, about Node.js versions it will drop; that is noise here.
process.removeAllListeners("warning");
process.on("warning", (warning) => {
  if (!`${warning.name} ${warning.message}`.includes("NodeVersionSupportWarning"))
    process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

const { SANDBOX_CREDENTIALS, startEmulator } = await import(pathToFileURL(join(root, "dist", "emulator", "index.js")).href);
const home = mkdtempSync(join(tmpdir(), "agentcore-bench-"));
const emulator = await startEmulator({ host: "127.0.0.1", port: 0, createDelayMs: 3000, maxRuntimes: 1_000_000 });
const serverEnv = {
  PATH: process.env.PATH ?? "",
  HOME: home,
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: emulator.url,
  // The emulator stands in for the control plane only here; pre-flight has tests of its own.
  AGENTCORE_MCP_SKIP_PREFLIGHT: "true",
};

const startedAt = new Date();
const loadBefore = loadavg();
const benchStart = performance.now();
const results = {};
let toolsList;
const { AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: _ignored, AGENTCORE_MCP_SKIP_PREFLIGHT: _checks, ...sandboxEnv } = serverEnv;
try {
  if (only.has("lazy")) {
    log("lazy loading: which bundle files a start, a first call, --sandbox and --transport http read");
    results.lazyLoading = await checkLazyLoading({ bin: BUNDLE, env: serverEnv, sandboxEnv, createArguments });
  }
  if (only.has("cold")) {
    log(`cold start: ${settings.coldRounds} rounds (+${settings.coldWarmup} warm-up) of 6 processes`);
    const cold = await measureColdStart({
      variants: { bundle: [BUNDLE], unbundled: [UNBUNDLED], minimalSdkV2: [MINIMAL_V2], minimalSdk: [MINIMAL] },
      env: serverEnv,
      rounds: settings.coldRounds,
      warmup: settings.coldWarmup,
      onProgress: progress("cold start round"),
    });
    results.coldStart = cold.summary;
    toolsList = cold.toolsList;
  }
  if (only.has("first")) {
    log(
      `first call after start: ${settings.firstCallRounds} rounds (+${settings.firstCallWarmup} warm-up), server vs a fresh official-SDK process`,
    );
    results.firstCall = await measureFirstCall({
      bin: BUNDLE,
      env: serverEnv,
      rounds: settings.firstCallRounds,
      warmup: settings.firstCallWarmup,
      createArguments,
      onProgress: progress("first call round"),
    });
  }
  if (only.has("calls")) {
    log(`call overhead: ${settings.calls} create_agent_runtime calls each way (+${settings.callWarmup} warm-up), alternating`);
    results.callOverhead = await measureCallOverhead({
      bin: BUNDLE,
      env: serverEnv,
      emulator,
      credentials: SANDBOX_CREDENTIALS,
      calls: settings.calls,
      warmup: settings.callWarmup,
      onProgress: progress("calls"),
      baselines: { minimalV2: MINIMAL_V2, minimalV1: MINIMAL },
    });
  }
  if (only.has("invoke")) {
    log(
      `invoke: ${settings.invokeCalls} invoke_agent_runtime calls each way (+${settings.callWarmup} warm-up), then ${settings.streams} streamed replies each way`,
    );
    // Its own emulator: a runtime READY at once, and a stream whose events are 50 ms apart; and the
    // latency proxy in front of it for the second alternation.
    const proxy = await startLatencyProxy(settings.invokeLatencyMs);
    const invokeEmulator = await startEmulator({
      host: "127.0.0.1",
      port: 0,
      createDelayMs: 0,
      streamIntervalMs: 50,
      allowedHosts: [`127.0.0.1:${proxy.port}`],
    });
    proxy.target(invokeEmulator.port);
    try {
      results.invoke = await measureInvoke({
        bin: BUNDLE,
        env: { ...serverEnv, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: invokeEmulator.url },
        emulator: invokeEmulator,
        latency: { url: `http://127.0.0.1:${proxy.port}`, ms: settings.invokeLatencyMs },
        credentials: SANDBOX_CREDENTIALS,
        calls: settings.invokeCalls,
        warmup: settings.callWarmup,
        latencyCalls: settings.invokeLatencyCalls,
        streams: settings.streams,
        echoServer: MINIMAL_V2,
        wrapperServer: INVOKE_WRAPPER,
      });
    } finally {
      await invokeEmulator.close();
      await proxy.close();
    }
  }
  if (only.has("http")) {
    log(
      `HTTP: ${settings.httpCreateBurst} creates, then get_agent_runtime for ${settings.httpSeconds} s at concurrency ${settings.httpConcurrency}`,
    );
    results.http = await measureHttpThroughput({
      bin: BUNDLE,
      // Pre-flight (on by default) would time the sandbox's IAM/ECR answers, not the transport.
      env: { ...sandboxEnv, AGENTCORE_MCP_SKIP_PREFLIGHT: "true" },
      concurrency: settings.httpConcurrency,
      durationMs: settings.httpSeconds * 1000,
      warmupMs: settings.httpWarmupSeconds * 1000,
      createBurst: settings.httpCreateBurst,
      createArguments,
    });
    log(`HTTP baseline: the minimal v2 server's echo for ${settings.httpSeconds} s at concurrency ${settings.httpConcurrency}`);
    results.http.minimalV2 = await measureMinimalHttp({
      script: MINIMAL_V2,
      env: sandboxEnv,
      concurrency: settings.httpConcurrency,
      durationMs: settings.httpSeconds * 1000,
      warmupMs: settings.httpWarmupSeconds * 1000,
    });
  }
  if (only.has("memory")) {
    log(`memory: ${settings.memoryCalls} create_agent_runtime calls over stdio`);
    results.memory = await measureMemory({
      bin: BUNDLE,
      env: serverEnv,
      emulator,
      checkpoints: [...new Set([1000, Math.round(settings.memoryCalls / 2), settings.memoryCalls])].filter((n) => n >= 1000),
      inFlight: settings.memoryInFlight,
      onProgress: progress("memory calls"),
    });
  }
  if (only.has("preflight")) {
    log(
      `pre-flight: ${settings.preflightRounds} rounds (+${settings.preflightWarmup} warm-up) of each check group alone and all together, ${settings.preflightLatencyMs} ms per request`,
    );
    results.preflight = await measurePreflight({
      distUrl: pathToFileURL(join(root, "dist", "/")),
      rounds: settings.preflightRounds,
      warmup: settings.preflightWarmup,
      latencyMs: settings.preflightLatencyMs,
      onProgress: progress("pre-flight round"),
    });
  }
} finally {
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
}

// ---- figures, ratios and targets ----------------------------------------------------------------
const rows = [];
const checks = {};
const ms = (value) => `${round(value, 1)} ms`;
const row = (metric, value, target = "", pass) =>
  rows.push({ metric, value, target, result: pass === undefined ? "" : pass ? "PASS" : "MISS" });
const check = (name, value, target, pass) => {
  checks[name] = { value: round(value, 3), target, pass };
  return pass;
};

const lazy = results.lazyLoading;
if (lazy) {
  const names = (files) => files.map((file) => file.replace(/^chunks\//, "").replace(/-[A-Z0-9]{8}\.mjs$/, "")).join(", ");
  const kib = (files) => `${round(files.reduce((sum, file) => sum + statSync(join(root, "dist", file)).size, 0) / 1024, 1)} KiB`;
  row(
    "lazy: files read by a plain start",
    `${lazy.atStart.length} (entry + ${lazy.atStart.length - 1} shared chunks), ${kib(lazy.atStart)}`,
  );
  row("lazy: first tool call adds", `${lazy.firstCallAdds.length} (${names(lazy.firstCallAdds)}), ${kib(lazy.firstCallAdds)}`);
  row("lazy: --sandbox first call adds (emulator)", `${lazy.sandboxAdds.length} (${names(lazy.sandboxAdds)}), ${kib(lazy.sandboxAdds)}`);
  row("lazy: --transport http adds", `${lazy.httpAdds.length} (${names(lazy.httpAdds)}), ${kib(lazy.httpAdds)}`);
  row(
    "lazy: emulator/http/credentials not read at start",
    lazy.pass ? "yes" : "no",
    "yes",
    check("lazyLoading", lazy.pass ? 1 : 0, 1, lazy.pass),
  );
}
const cold = results.coldStart;
if (cold) {
  const b = cold.bundle;
  const bare = cold.bareExit.median;
  row('cold: node -e "" spawn→exit', `${ms(bare)} (p95 ${ms(cold.bareExit.p95)})`);
  row("cold: bare echo spawn→1st response", `${ms(cold.echo.initMs.median)} (p95 ${ms(cold.echo.initMs.p95)})`);
  for (const [name, label] of [
    ["bundle", "bundle"],
    ["unbundled", "dist/index.js"],
    ["minimalSdkV2", "minimal v2 SDK server"],
    ["minimalSdk", "minimal v1 SDK server"],
  ]) {
    const s = cold[name];
    row(`cold: ${label} spawn→initialize`, `${ms(s.initMs.median)} (p95 ${ms(s.initMs.p95)})`);
    row(`cold: ${label} spawn→tools/list`, `${ms(s.listMs.median)} (p95 ${ms(s.listMs.p95)})`);
    if (s.cpuMs) row(`cold: ${label} CPU to tools/list`, `${ms(s.cpuMs.median)} (p95 ${ms(s.cpuMs.p95)})`);
  }
  const a = b.listMs.median / bare;
  row(
    'ratio bundle tools/list ÷ node -e "" exit',
    `${round(a)}×`,
    `≤ ${TARGETS.coldVsBareNode}×`,
    check("coldListVsBareExit", a, TARGETS.coldVsBareNode, a <= TARGETS.coldVsBareNode),
  );
  const i = b.initMs.median / bare;
  row(
    'ratio bundle initialize ÷ node -e "" exit',
    `${round(i)}×`,
    `≤ ${TARGETS.coldVsBareNode}×`,
    check("coldInitVsBareExit", i, TARGETS.coldVsBareNode, i <= TARGETS.coldVsBareNode),
  );
  const e = b.initMs.median / cold.echo.initMs.median;
  row("ratio bundle initialize ÷ bare echo 1st resp.", `${round(e)}×`, "(info)");
  const m = b.listMs.median / cold.minimalSdkV2.listMs.median;
  row(
    "ratio bundle ÷ minimal v2 SDK (tools/list)",
    `${round(m)}×`,
    `≤ ${TARGETS.coldVsMinimalSdk}×`,
    check("coldVsMinimalSdk", m, TARGETS.coldVsMinimalSdk, m <= TARGETS.coldVsMinimalSdk),
  );
  const mi = b.initMs.median / cold.minimalSdkV2.initMs.median;
  row("ratio bundle ÷ minimal v2 SDK (initialize)", `${round(mi)}×`, "(info)");
  if (b.cpuMs && cold.minimalSdkV2.cpuMs)
    row("ratio bundle ÷ minimal v2 SDK (CPU to tools/list)", `${round(b.cpuMs.median / cold.minimalSdkV2.cpuMs.median)}×`, "(info)");
  row("ratio bundle ÷ minimal v1 SDK (tools/list)", `${round(b.listMs.median / cold.minimalSdk.listMs.median)}×`, "(info)");
  const u = b.listMs.median / cold.unbundled.listMs.median;
  row("ratio bundle ÷ dist/index.js (tools/list)", `${round(u)}×`, "(info)");
}
if (toolsList) {
  const resultBytes = Buffer.byteLength(JSON.stringify(toolsList.result));
  results.toolsList = { resultBytes, lineBytes: toolsList.lineBytes, tools: toolsList.result.tools.map((tool) => tool.name) };
  const kib = resultBytes / 1024;
  row(
    "tools/list result JSON",
    `${resultBytes} B (${round(kib, 1)} KiB)`,
    `≤ ${TARGETS.toolsListKiB} KiB`,
    check("toolsListKiB", kib, TARGETS.toolsListKiB, kib <= TARGETS.toolsListKiB),
  );
}
const first = results.firstCall;
if (first) {
  const o = first.mcpStdio;
  const d = first.sdkFreshProcess;
  row("first call: server's 1st create_agent_runtime after tools/list", `median ${ms(o.firstCallMs.median)}, p95 ${ms(o.firstCallMs.p95)}`);
  row(
    "first call: fresh process SDK import+client+1st send",
    `median ${ms(d.firstCallMs.median)} (import ${ms(d.importMs.median)}), p95 ${ms(d.firstCallMs.p95)}`,
  );
  row("ratio first call server ÷ SDK fresh process", `${round(o.firstCallMs.median / d.firstCallMs.median)}×`, "(info)");
  row(
    "first call: spawn→1st answer, server ÷ SDK process",
    `${ms(o.spawnToAnswerMs.median)} ÷ ${ms(d.spawnToAnswerMs.median)} = ${round(o.spawnToAnswerMs.median / d.spawnToAnswerMs.median)}×`,
    "(info)",
  );
}
const calls = results.callOverhead;
if (calls) {
  row("call: MCP stdio create_agent_runtime", `median ${ms(calls.mcpStdio.median)}, p95 ${ms(calls.mcpStdio.p95)}`);
  row("call: SDK CreateAgentRuntimeCommand", `median ${ms(calls.sdkDirect.median)}, p95 ${ms(calls.sdkDirect.p95)}`);
  const r = calls.mcpStdio.median / calls.sdkDirect.median;
  row(
    "ratio MCP ÷ SDK (median)",
    `${round(r)}×`,
    `≤ ${TARGETS.callRatio}×`,
    check("callRatioMedian", r, TARGETS.callRatio, r <= TARGETS.callRatio),
  );
  row("ratio MCP ÷ SDK (p95)", `${round(calls.mcpStdio.p95 / calls.sdkDirect.p95)}×`, "(info)");
  for (const [name, label] of [
    ["minimalV2", "minimal v2 SDK server"],
    ["minimalV1", "minimal v1 SDK server"],
  ]) {
    const echo = calls.echo?.[name];
    if (echo) row(`call: ${label} echo (stdio)`, `median ${ms(echo.median)}, p95 ${ms(echo.p95)}`);
  }
  if (calls.echo?.minimalV2) {
    // Our MCP layer's cost per call is what the MCP call takes beyond the SDK call it wraps.
    const overhead = calls.mcpStdio.median - calls.sdkDirect.median;
    row(
      "call: our MCP layer (MCP − SDK median) ÷ minimal v2 echo",
      `${ms(overhead)} ÷ ${ms(calls.echo.minimalV2.median)} = ${round(overhead / calls.echo.minimalV2.median)}×`,
      "(info)",
    );
  }
  row("call errors", String(calls.errors), "0", check("callErrors", calls.errors, 0, calls.errors === 0));
}
const invoke = results.invoke;
if (invoke) {
  row("invoke: MCP stdio invoke_agent_runtime", `median ${ms(invoke.mcpStdio.median)}, p95 ${ms(invoke.mcpStdio.p95)}`);
  row("invoke: thinnest MCP wrapper (v2 SDK, stdio)", `median ${ms(invoke.thinnestWrapper.median)}, p95 ${ms(invoke.thinnestWrapper.p95)}`);
  row("invoke: SDK InvokeAgentRuntimeCommand", `median ${ms(invoke.sdkDirect.median)}, p95 ${ms(invoke.sdkDirect.p95)}`);
  const w = invoke.mcpStdio.median / invoke.thinnestWrapper.median;
  row(
    "ratio invoke ÷ thinnest MCP wrapper (median)",
    `${round(w)}×`,
    `≤ ${TARGETS.invokeRatio}×`,
    check("invokeVsWrapperMedian", w, TARGETS.invokeRatio, w <= TARGETS.invokeRatio),
  );
  const r = invoke.mcpStdio.median / invoke.sdkDirect.median;
  const floor = invoke.thinnestWrapper.median / invoke.sdkDirect.median;
  row(
    "ratio invoke ÷ SDK, agent answering at once",
    `${round(r)}× (floor: wrapper ÷ SDK ${round(floor)}×)`,
    `≤ ${TARGETS.invokeRatio}×`,
    check("invokeRatioMedian", r, TARGETS.invokeRatio, r <= TARGETS.invokeRatio),
  );
  const far = invoke.mcpStdioAtLatency.median / invoke.sdkDirectAtLatency.median;
  row(
    `ratio invoke ÷ SDK, ${invoke.latencyMs} ms network in front`,
    `${round(far)}× (${ms(invoke.mcpStdioAtLatency.median)} ÷ ${ms(invoke.sdkDirectAtLatency.median)})`,
    `≤ ${TARGETS.invokeRatio}×`,
    check("invokeRatioAtLatency", far, TARGETS.invokeRatio, far <= TARGETS.invokeRatio),
  );
  row(
    "invoke: our layer (MCP − wrapper median); MCP round trip (minimal v2 echo)",
    `${ms(invoke.mcpStdio.median - invoke.thinnestWrapper.median)}; ${ms(invoke.minimalEcho.median)}`,
    "(info)",
  );
  row(
    "invoke: first streamed chunk, as progress ÷ SDK read",
    `median ${ms(invoke.firstChunkMcp.median)} ÷ ${ms(invoke.firstChunkSdk.median)}`,
  );
  const extra = invoke.firstChunkMcp.median - invoke.firstChunkSdk.median;
  row(
    "invoke: first chunk, extra over the agent's own",
    ms(extra),
    `≤ ${TARGETS.firstChunkExtraMs} ms`,
    check("firstChunkExtraMs", extra, TARGETS.firstChunkExtraMs, extra <= TARGETS.firstChunkExtraMs),
  );
  row("invoke errors", String(invoke.errors), "0", check("invokeErrors", invoke.errors, 0, invoke.errors === 0));
}
const http = results.http;
if (http) {
  const c = http.createBurst;
  row(
    `http: ${c.calls} creates (burst)`,
    `${Math.round(c.callsPerSecond)} calls/s, p50 ${ms(c.latencyMs.median)}, p99 ${ms(c.latencyMs.p99)}, ${c.errors} errors`,
    "(info)",
  );
  const g = http.getLoop;
  row(`http: get_agent_runtime ×${settings.httpConcurrency} for ${settings.httpSeconds} s`, `${g.calls} calls`);
  row(
    "http: calls/s",
    `${Math.round(g.callsPerSecond)}`,
    `≥ ${TARGETS.httpCallsPerSecond}`,
    check("httpCallsPerSecond", g.callsPerSecond, TARGETS.httpCallsPerSecond, g.callsPerSecond >= TARGETS.httpCallsPerSecond),
  );
  row("http: p50 latency", ms(g.latencyMs.median));
  row(
    "http: p99 latency",
    ms(g.latencyMs.p99),
    `≤ ${TARGETS.httpP99Ms} ms`,
    check("httpP99Ms", g.latencyMs.p99, TARGETS.httpP99Ms, g.latencyMs.p99 <= TARGETS.httpP99Ms),
  );
  if (g.serverCpuMsPerCall !== undefined) {
    row(
      "http: server CPU per get / per create",
      `${ms(g.serverCpuMsPerCall)} / ${ms(c.serverCpuMsPerCall)} (sandbox emulator included)`,
      "(info)",
    );
  }
  const v2 = http.minimalV2;
  if (v2) {
    row(
      "http: minimal v2 SDK server echo calls/s",
      `${Math.round(v2.callsPerSecond)} (p50 ${ms(v2.latencyMs.median)}, p99 ${ms(v2.latencyMs.p99)}, ${v2.errors} errors)`,
      "(info)",
    );
    row("ratio http get calls/s ÷ minimal v2 echo calls/s", `${round(g.callsPerSecond / v2.callsPerSecond)}×`, "(info)");
  }
  const errors = g.errors + c.errors + (v2?.errors ?? 0);
  row("http: errors", String(errors), "0", check("httpErrors", errors, 0, errors === 0));
  if (http.rssIdleKiB && http.rssAfterKiB) {
    const mib = (kib) => round(kib / 1024, 1);
    row(
      "http: sandbox server RSS idle → creates → gets",
      `${mib(http.rssIdleKiB)} → ${mib(http.rssAfterCreatesKiB)} → ${mib(http.rssAfterKiB)} MiB`,
      "(info)",
    );
    const gets = http.warmupCalls + g.calls + g.errors;
    const perThousand = ((http.rssAfterKiB - http.rssAfterCreatesKiB) / 1024 / gets) * 1000;
    row("http: sandbox RSS growth per 1,000 gets", `${round(perThousand, 2)} MiB over ${gets} gets`, "(info)");
  }
}
const memory = results.memory;
if (memory) {
  const s = memory.samples;
  const last = String(settings.memoryCalls);
  const mib = (kib) => `${round(kib / 1024, 1)} MiB`;
  const describe = (sample) =>
    `${mib(sample.rssKiB)}${sample.afterGc ? ` (after GC: RSS ${mib(sample.afterGc.rssKiB)}, heap used ${mib(sample.afterGc.heapUsedKiB)})` : ""}`;
  row("memory: RSS idle after start", describe(s.idle));
  for (const label of Object.keys(s).filter((key) => key !== "idle"))
    row(`memory: RSS after ${Number(label).toLocaleString("en-US")} calls`, describe(s[label]));
  const growth = (s[last].rssKiB - s["1000"].rssKiB) / 1024;
  row(
    `memory: RSS growth 1,000 → ${settings.memoryCalls.toLocaleString("en-US")}`,
    `${round(growth, 1)} MiB`,
    `≤ ${TARGETS.memoryGrowthMiB} MiB`,
    check("memoryGrowthMiB", growth, TARGETS.memoryGrowthMiB, growth <= TARGETS.memoryGrowthMiB),
  );
  if (s[last].afterGc && s["1000"].afterGc) {
    row(
      "memory: same, both after a forced GC",
      `RSS ${round((s[last].afterGc.rssKiB - s["1000"].afterGc.rssKiB) / 1024, 1)} MiB, heap used ${round((s[last].afterGc.heapUsedKiB - s["1000"].afterGc.heapUsedKiB) / 1024, 1)} MiB`,
      "(info)",
    );
  }
  row("memory: call errors", String(memory.errors), "0", check("memoryErrors", memory.errors, 0, memory.errors === 0));
}
const preflight = results.preflight;
if (preflight) {
  const groups = Object.keys(preflight.summary).filter((name) => !name.startsWith("full:"));
  row(
    `preflight: each group alone (${preflight.latencyMs} ms per request)`,
    groups.map((name) => `${name} ${ms(preflight.summary[name].median)} (${preflight.requests[name]?.requests ?? "?"} req)`).join(", "),
  );
  for (const [name, r] of Object.entries(preflight.ratios)) {
    const label = name === "container" ? "container create (role, image, vpc)" : "all four groups";
    row(
      `preflight: ${label} together`,
      `${ms(r.fullMs)} (p95 ${ms(preflight.summary[`full:${name}`].p95)}); slowest alone ${ms(r.slowestSingleMs)}, sum ${ms(r.sequentialSumMs)}`,
    );
    row(
      `ratio preflight ${name} ÷ slowest group`,
      `${round(r.vsSlowest)}×`,
      `≤ ${TARGETS.preflightVsSlowestCheck}×`,
      check(`preflight_${name}_vsSlowest`, r.vsSlowest, TARGETS.preflightVsSlowestCheck, r.vsSlowest <= TARGETS.preflightVsSlowestCheck),
    );
    row(`ratio preflight ${name} ÷ sequential sum`, `${round(r.vsSum)}×`, "(info)");
  }
  row(
    "preflight: checks not passing on the fixtures",
    String(preflight.problems.length),
    "0",
    check("preflightProblems", preflight.problems.length, 0, preflight.problems.length === 0),
  );
}

const widths = ["metric", "value", "target", "result"].map((key) => Math.max(key.length, ...rows.map((r) => r[key].length)));
const line = (cells) => `| ${cells.map((cell, k) => cell.padEnd(widths[k])).join(" | ")} |`;
const out = [line(["metric", "value", "target", "result"]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`];
for (const r of rows) out.push(line([r.metric, r.value, r.target, r.result]));
process.stdout.write(`${out.join("\n")}\n`);

let commit;
try {
  commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
} catch {
  commit = undefined;
}
const report = {
  startedAt: startedAt.toISOString(),
  durationS: round((performance.now() - benchStart) / 1000, 1),
  environment: {
    node: process.version,
    platform: process.platform,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    // Names the machine in the docs: BENCH_MACHINE="laptop, M2" when the CPU model says too little.
    machine: process.env.BENCH_MACHINE ?? `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${process.platform}`,
    loadavgBefore: loadBefore.map((v) => round(v)),
    loadavgAfter: loadavg().map((v) => round(v)),
    commit,
  },
  // The one place docs/performance.md takes its figures from (`npm run docs` renders this table).
  table: rows,
  settings,
  targets: TARGETS,
  checks,
  results,
  methods: {
    coldStart:
      "spawn → answer to initialize → answer to tools/list over a raw JSON-RPC line client; each round starts every process once in rotated order; ratios use medians; 'bare echo' is a Node process that loads nothing and answers each line; the minimal servers are one-tool McpServers on the v2 SDK (serveStdio) and the v1 SDK (StdioServerTransport), unbundled",
    firstCall:
      "a fresh bundle over stdio: initialize, tools/list, then the time of its first create_agent_runtime (lazy SDK chunk, credential chain, first connection) vs a fresh `node -e` process that imports @aws-sdk/client-bedrock-agentcore-control from node_modules, builds a client from the environment and sends one CreateAgentRuntimeCommand (timed from before the import); same emulator, alternating order",
    callOverhead:
      "raw JSON-RPC line client over the bundle's stdio (no MCP SDK client) vs @aws-sdk/client-bedrock-agentcore-control from this process, alternating call by call, same in-process emulator, sequential, unique names; the minimal v2 and v1 servers' echo tool is called in the same alternation",
    invoke:
      "raw JSON-RPC line client over the bundle's stdio (--tools invoke, the runtime named by its ARN, so no control-plane read) vs @aws-sdk/client-bedrock-agentcore's InvokeAgentRuntimeCommand from this process with its body read, and vs the thinnest MCP wrapper (bench/baseline-invoke-v2-server.mjs: one v2 SDK tool sending the same command, reply as text, over stdio), alternating call by call, one session, same emulator; then, through a loopback proxy holding each request a fixed time, the bundle vs the SDK alone; first chunk: from sending the call to the first notifications/progress line, vs from sending the SDK command to its first body chunk, same SSE stand-in (events 50 ms apart)",
    http: "bundle with --transport http --sandbox; stateless POSTs of tools/call (no initialize), SSE answers parsed; create burst under the sandbox quota, then get_agent_runtime on one runtime in closed loops over a keep-alive node:http Agent; then the minimal v2 server (createMcpHandler behind node:http) answering echo under the same load",
    memory:
      "VmRSS from /proc after 1 s idle (the target), then a forced full GC through a preloaded probe (--expose-gc --import bench/gc-probe.mjs) and VmRSS and heapUsed again; calls are real create_agent_runtime calls over stdio against the bench's emulator (quota raised), 4 in flight",
    preflight:
      "createPreflight from dist/ with the official SDK clients against the emulator's IAM, STS, ECR, S3 and EC2 fixtures, through a loopback proxy that holds every request a fixed latency (the emulator's fault plan covers only the control plane); each check group alone and the full runs, rotated round by round; ratios use medians",
  },
};
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
log(
  `wrote ${RESULTS.slice(root.length)} in ${report.durationS} s (load average before ${report.environment.loadavgBefore.join(", ")}, after ${report.environment.loadavgAfter.join(", ")})`,
);
