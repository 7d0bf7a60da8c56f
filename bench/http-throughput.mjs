// HTTP throughput: the bin in `--transport http --sandbox` mode, driven by concurrent stateless
// POSTs of tools/call over keep-alive connections from this process.
import { Buffer } from "node:buffer";
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import { PROTOCOL_VERSION, readCpuMs, readRssKiB } from "./stdio-client.mjs";
import { summarize } from "./stats.mjs";

/** Starts the bin with the given arguments and resolves once it prints `listening on URL`. */
export function startHttpServer(bin, args, env, { nodeArgs = [], timeoutMs = 20_000 } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, bin, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no "listening on" line within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`HTTP server exited with ${code}; stderr: ${stderr}`));
    });
    child.stderr.setEncoding("utf8");
    let listening = false;
    child.stderr.on("data", (chunk) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
      // Later lines (the first call's warnings) must not run this again: it would drop `exited`'s listener.
      if (listening) return;
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(stderr);
      if (match) {
        listening = true;
        clearTimeout(timer);
        child.removeAllListeners("exit");
        const exited = new Promise((done) => child.once("exit", done));
        resolve({
          url: new URL(match[1]),
          pid: child.pid,
          async close() {
            child.kill("SIGTERM");
            const killer = setTimeout(() => child.kill("SIGKILL"), 3000);
            await exited;
            clearTimeout(killer);
          },
        });
      }
    });
  });
}

/** Reads the JSON-RPC answers out of a response body (SSE or plain JSON). */
function parseAnswers(contentType, body) {
  if (contentType?.startsWith("text/event-stream")) {
    return body
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => JSON.parse(line.slice(5)));
  }
  return body === "" ? [] : [JSON.parse(body)];
}

/**
 * POSTs one JSON-RPC message the way a stateless Streamable HTTP client does and resolves with
 * the answer carrying its id; rejects on an HTTP error status or a missing answer.
 */
export function postJsonRpc(url, agent, message) {
  const payload = JSON.stringify(message);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          accept: "application/json, text/event-stream",
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          "mcp-protocol-version": PROTOCOL_VERSION,
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("error", reject);
        res.on("end", () => {
          if (res.statusCode !== 200) {
            reject(new Error(`HTTP ${res.statusCode}: ${body.slice(0, 300)}`));
            return;
          }
          try {
            const answer = parseAnswers(res.headers["content-type"], body).find((item) => item.id === message.id);
            if (answer === undefined) reject(new Error(`no answer with id ${message.id} in: ${body.slice(0, 300)}`));
            else resolve(answer);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Calls a tool over HTTP; throws on a JSON-RPC error or an isError result. */
export async function callToolHttp(url, agent, id, name, args) {
  const answer = await postJsonRpc(url, agent, { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
  if (answer.error) throw new Error(`${name}: JSON-RPC error ${JSON.stringify(answer.error)}`);
  if (answer.result?.isError) throw new Error(`${name}: ${answer.result.content?.[0]?.text ?? "isError"}`);
  return answer.result;
}

/**
 * Runs `concurrency` closed-loop clients, each issuing `makeCall(n)` back to back, for
 * `durationMs`; returns calls/s over the window, latency figures and errors.
 */
export async function driveLoad({ concurrency, durationMs, makeCall, maxCalls = Number.POSITIVE_INFINITY }) {
  const latencies = [];
  let errors = 0;
  let firstError;
  let counter = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  async function client() {
    while (performance.now() < deadline && counter < maxCalls) {
      const n = counter++;
      const began = performance.now();
      try {
        await makeCall(n);
        latencies.push(performance.now() - began);
      } catch (error) {
        errors++;
        firstError ??= error.message;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsedS = (performance.now() - start) / 1000;
  return {
    calls: latencies.length,
    errors,
    firstError,
    elapsedS,
    callsPerSecond: latencies.length / elapsedS,
    latencyMs: summarize(latencies),
  };
}

// Server CPU per call (its embedded sandbox emulator included): robust to other load on the machine.
function cpuPerCall(before, after, result) {
  return before === undefined || after === undefined ? undefined : (after - before) / Math.max(1, result.calls + result.errors);
}

export async function measureHttpThroughput({ bin, env, concurrency, durationMs, warmupMs, createBurst, createArguments }) {
  const server = await startHttpServer(bin, ["--transport", "http", "--sandbox", "--port", "0", "--log-level", "warn"], env);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const rssIdleKiB = await readRssKiB(server.pid);
    // A real client initializes once; the stateless server keeps nothing from it, so every later
    // POST stands alone (no session id), and tools/call needs no initialize of its own.
    const init = await postJsonRpc(server.url, agent, {
      jsonrpc: "2.0",
      id: "init",
      method: "initialize",
      params: {
        protocolVersion: PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: "agentcore-runtime-mcp-bench", version: "1.0.0" },
      },
    });
    if (init.error) throw new Error(`initialize over HTTP failed: ${JSON.stringify(init.error)}`);
    const seed = await callToolHttp(server.url, agent, "seed", "create_agent_runtime", createArguments("h_seed"));
    const agentRuntimeId = seed.structuredContent.agentRuntimeId;
    // Creates with unique names, kept under the sandbox emulator's quota of 1000 runtimes.
    const createCpuBefore = await readCpuMs(server.pid);
    const creates = await driveLoad({
      concurrency,
      durationMs: 60_000,
      maxCalls: createBurst,
      makeCall: (n) => callToolHttp(server.url, agent, n, "create_agent_runtime", createArguments(`h_${n}`)),
    });
    creates.serverCpuMsPerCall = cpuPerCall(createCpuBefore, await readCpuMs(server.pid), creates);
    const rssAfterCreatesKiB = await readRssKiB(server.pid);
    const warmup = await driveLoad({
      concurrency,
      durationMs: warmupMs,
      makeCall: (n) => callToolHttp(server.url, agent, n, "get_agent_runtime", { agentRuntimeId }),
    });
    const cpuBefore = await readCpuMs(server.pid);
    const gets = await driveLoad({
      concurrency,
      durationMs,
      makeCall: (n) => callToolHttp(server.url, agent, n, "get_agent_runtime", { agentRuntimeId }),
    });
    const cpuAfter = await readCpuMs(server.pid);
    gets.serverCpuMsPerCall = cpuPerCall(cpuBefore, cpuAfter, gets);
    const rssAfterKiB = await readRssKiB(server.pid);
    return { createBurst: creates, warmupCalls: warmup.calls + warmup.errors, getLoop: gets, rssIdleKiB, rssAfterCreatesKiB, rssAfterKiB };
  } finally {
    agent.destroy();
    await server.close();
  }
}

/**
 * The same closed-loop load against a minimal one-tool server (`script --http`), calling its
 * `echo` tool: the SDK's own HTTP cost per call, with no AWS call behind it.
 */
export async function measureMinimalHttp({ script, env, concurrency, durationMs, warmupMs }) {
  const server = await startHttpServer(script, ["--http"], env);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const call = (n) => callToolHttp(server.url, agent, n, "echo", { text: `bench ${n}` });
    await driveLoad({ concurrency, durationMs: warmupMs, makeCall: call });
    const cpuBefore = await readCpuMs(server.pid);
    const echo = await driveLoad({ concurrency, durationMs, makeCall: call });
    echo.serverCpuMsPerCall = cpuPerCall(cpuBefore, await readCpuMs(server.pid), echo);
    return echo;
  } finally {
    agent.destroy();
    await server.close();
  }
}
