// A raw JSON-RPC line client over a child process's stdio: no MCP SDK client in the measured path,
// so the figures are the server's cost plus process plumbing, nothing else.
import { Buffer } from "node:buffer";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";

export const PROTOCOL_VERSION = "2025-06-18";

/** The `initialize` params a real client sends. */
export const INITIALIZE_PARAMS = {
  protocolVersion: PROTOCOL_VERSION,
  capabilities: {},
  clientInfo: { name: "agentcore-runtime-mcp-bench", version: "1.0.0" },
};

/**
 * Spawns `command args` and speaks newline-delimited JSON-RPC to it. `request()` may be called
 * before the child is ready: the line waits in the pipe. Returns timing marks relative to spawn.
 */
export function startStdioServer(command, args, options = {}) {
  const spawnedAt = performance.now();
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
  const pending = new Map();
  let nextId = 1;
  let buffer = "";
  let stderr = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: performance.now() })));
  child.stdin.on("error", () => undefined);
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    buffer += chunk;
    let newline = buffer.indexOf("\n");
    while (newline !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
      if (line.trim() === "") continue;
      const receivedAt = performance.now();
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      if (message.id === undefined) options.onNotification?.(message, receivedAt);
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (waiter === undefined) continue;
      pending.delete(message.id);
      waiter.resolve({ message, bytes: Buffer.byteLength(line), receivedAt });
    }
  });
  exited.then(({ code, signal }) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`server exited (code ${code}, signal ${signal}) before answering; stderr: ${stderr.slice(-2000)}`));
    pending.clear();
  });

  function send(message) {
    child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Sends a request; resolves with `{message, bytes, receivedAt}` (receivedAt: performance.now()). */
  function request(method, params) {
    const id = nextId++;
    const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    send({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
    return answer;
  }

  return {
    child,
    pid: child.pid,
    spawnedAt,
    exited,
    request,
    notify: (method, params) => send({ jsonrpc: "2.0", method, ...(params === undefined ? {} : { params }) }),
    get stderr() {
      return stderr;
    },
    /** Performs the MCP handshake; resolves with the `initialize` answer. */
    async initialize() {
      const answer = await request("initialize", INITIALIZE_PARAMS);
      if (answer.message.error) throw new Error(`initialize failed: ${JSON.stringify(answer.message.error)}`);
      send({ jsonrpc: "2.0", method: "notifications/initialized" });
      return answer;
    },
    /** Closes stdin (the MCP way to end a stdio session) and kills the child if it lingers. */
    async close(graceMs = 2000) {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Spawns a process that needs no input and resolves with spawn→exit milliseconds. */
export function timeSpawnToExit(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ["ignore", "ignore", "ignore"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`${command} exited with ${code}`))));
  });
}

/** Reads VmRSS of a process from /proc, in KiB; undefined where /proc is unavailable. */
export async function readRssKiB(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) a live process has used so far, in ms; undefined off Linux. */
export async function readCpuMs(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
