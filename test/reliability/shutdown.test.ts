// Graceful drain of the HTTP transport: on shutdown it stops accepting, lets calls in flight finish
// within a grace period, then closes what is left — and a forced close is not a clean exit.
import { Agent, createServer, request as httpRequest, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { createLogger } from "../../src/log.js";
import { type HttpDrain, type SetTimer, createHttpDrain } from "../../src/transports/http-drain.js";
import { type HttpBin, SPAWN_POLL, spawnHttpBin } from "../helpers/harness.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { emulatorEnv } from "../helpers/stdio-session.js";
import { createTestServerFactory, deferred, mcpHeaders, rpc, sseMessages, useTransports } from "../helpers/http.js";
import { recordFigure } from "../helpers/figures.js";
import { postCall } from "../helpers/load-client.js";

/** A timer the test fires by hand. */
function manualTimer(): { setTimer: SetTimer; fire: () => void; pending: () => number[] } {
  const timers = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  return {
    setTimer: (callback, ms) => {
      const id = next++;
      timers.set(id, { callback, ms });
      return () => timers.delete(id);
    },
    fire: () => {
      for (const [id, timer] of [...timers]) {
        timers.delete(id);
        timer.callback();
      }
    },
    pending: () => [...timers.values()].map((timer) => timer.ms),
  };
}

interface DrainedServer {
  server: Server;
  drain: HttpDrain;
  port: number;
  logs: string[];
  /** Responses held open until the test answers them. */
  held: ServerResponse[];
  started: ReturnType<typeof deferred>;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A plain HTTP server whose every request is a call the test answers when it wants. */
async function startDrained(setTimer: SetTimer): Promise<DrainedServer> {
  const logs: string[] = [];
  const held: ServerResponse[] = [];
  const started = deferred();
  const server = createServer((_req, res) => {
    if (!drain.admit(res)) {
      res.writeHead(503, { connection: "close" }).end("draining");
      return;
    }
    held.push(res);
    started.fire();
  });
  const drain = createHttpDrain(server, createLogger({ level: "debug", write: (line) => logs.push(line) }), setTimer);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, drain, port: (server.address() as AddressInfo).port, logs, held, started };
}

/** One GET on a kept-alive connection of `agent`; resolves with the status and body, or the error. */
function get(port: number, agent: Agent): Promise<{ status: number; text: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", (error) => resolve({ error: error.message }));
    });
    req.on("error", (error) => resolve({ error: error.message }));
    req.end();
  });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("the HTTP drain", () => {
  it("stops accepting connections, answers the call in flight (telling the client not to reuse the connection), then closes", async () => {
    const timer = manualTimer();
    const s = await startDrained(timer.setTimer);
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const inFlight = get(s.port, agent);
    await s.started.promise;

    let drained = false;
    const drain = s.drain.drain(10_000).then((report) => {
      drained = true;
      return report;
    });
    expect(timer.pending()).toEqual([10_000]);
    expect(await refusesConnections(s.port)).toBe(true);
    // The answer has not begun, so it tells the client not to reuse the connection.
    s.held[0]?.end("done");
    expect(await inFlight).toEqual({ status: 200, text: "done" });
    expect(s.held[0]?.getHeader("connection")).toBe("close");
    const report = await drain;
    expect(drained).toBe(true);
    expect(report).toEqual({ abandoned: 0 });
    // Ended by the call, not by the timer: it was cancelled.
    expect(timer.pending()).toEqual([]);
    expect(s.logs.join("")).toMatch(/info shutting down: every call in flight was answered calls=1\n/);
    expect(s.logs.join("")).not.toMatch(/grace elapsed/);
    agent.destroy();
  });

  it("answers 503 to a request that arrives on an open connection while draining", async () => {
    const timer = manualTimer();
    const s = await startDrained(timer.setTimer);
    const socket = connect(s.port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
    const ended = new Promise((resolve) => socket.once("close", resolve));
    socket.write("GET /first HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await s.started.promise;
    // The answer has begun (as an SSE stream does), so it can no longer say `Connection: close`.
    s.held[0]?.writeHead(200).write("first ");
    const drain = s.drain.drain(10_000);
    // A second request on the busy connection, sent after the drain began: refused, not served.
    socket.write("GET /second HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 50));
    s.held[0]?.end("done");
    await ended;
    expect(received).toMatch(/^HTTP\/1\.1 200 OK[^]*first [^]*done[^]*HTTP\/1\.1 503 Service Unavailable[^]*draining/);
    expect(s.held).toHaveLength(1);
    expect(await drain).toEqual({ abandoned: 0 });
  });

  it("closes the connections of calls still unanswered when the grace runs out, and says so", async () => {
    const timer = manualTimer();
    const s = await startDrained(timer.setTimer);
    const agent = new Agent({ keepAlive: true });
    const stuck = get(s.port, agent);
    await s.started.promise;
    const drain = s.drain.drain(2500);
    expect(timer.pending()).toEqual([2500]);
    timer.fire();
    expect(await drain).toEqual({ abandoned: 1 });
    expect(await stuck).toHaveProperty("error");
    expect(s.logs.join("")).toMatch(/error shutdown grace elapsed: closing connections of unanswered calls calls=1 graceMs=2500/);
    agent.destroy();
  });

  it("resolves at once with nothing in flight, and a second drain returns the first one's result", async () => {
    const timer = manualTimer();
    const s = await startDrained(timer.setTimer);
    const first = s.drain.drain(10_000);
    expect(s.drain.drain(1)).toBe(first);
    expect(await first).toEqual({ abandoned: 0 });
    expect(timer.pending()).toEqual([]);
  });
});

describe("the HTTP transport's close(graceMs)", () => {
  const serve = useTransports();

  it("answers the MCP call in flight and refuses, with a JSON-RPC 503, a request sent on its connection meanwhile", async () => {
    const started = deferred();
    const release = deferred();
    const logs: string[] = [];
    const handle = await serve(
      createTestServerFactory({
        rendezvous: () => {
          started.fire();
          return release.promise;
        },
      }),
      { log: createLogger({ level: "debug", write: (line) => logs.push(line) }) },
    );
    const socket = connect(handle.port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
    const ended = new Promise((resolve) => socket.once("close", resolve));
    const post = (body: string): string =>
      `POST /mcp HTTP/1.1\r\n${Object.entries(mcpHeaders(handle.port, { "content-length": String(Buffer.byteLength(body)) }))
        .map(([name, value]) => `${name}: ${String(value)}\r\n`)
        .join("")}\r\n${body}`;
    socket.write(post(rpc(1, "tools/call", { name: "rendezvous", arguments: { label: "in flight" } })));
    await started.promise;

    const closed = handle.close(10_000);
    socket.write(post(rpc(2, "tools/list")));
    // Refused at once, answered once the call ahead of it on the connection is.
    await expect.poll(() => logs.some((line) => line.includes("refused a request: shutting down")), SPAWN_POLL).toBe(true);
    expect(received).not.toContain("503");
    release.fire();
    await ended;
    expect(await closed).toEqual({ abandoned: 0 });
    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(sseMessages(first ?? "")).toMatchObject([{ id: 1, result: { content: [{ type: "text", text: "in flight" }] } }]);
    expect(second).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(second).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(second).toContain('"message":"Service Unavailable: the server is shutting down"');
  });
});

let emulator: Emulator | undefined;
let bin: HttpBin | undefined;
afterEach(async () => {
  await bin?.proc.kill();
  bin = undefined;
  await emulator?.close();
  emulator = undefined;
});

async function startBin(graceMs: number): Promise<{ emulator: Emulator; bin: HttpBin }> {
  const e = await startEmulator({ port: 0 });
  emulator = e;
  const b = await spawnHttpBin(
    ["--transport", "http", "--host", "127.0.0.1", "--port", "0", "--shutdown-grace-ms", String(graceMs)],
    emulatorEnv(e.url, {
      AGENTCORE_MCP_ATTEMPT_TIMEOUT_MS: "60000",
      AGENTCORE_MCP_DEADLINE_MS: "60000",
      AWS_MAX_ATTEMPTS: "1",
    }),
  );
  bin = b;
  return { emulator: e, bin: b };
}

/** POSTs a create_agent_runtime call and resolves with the JSON-RPC answers, or the transport error. */
function postCreate(port: number): Promise<{ answers: unknown[] } | { error: string }> {
  return postCall(false, port, "1", "create_agent_runtime", MINIMAL_REQUEST).then(
    ({ text }) => ({ answers: sseMessages(text) }),
    (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
  );
}

describe("the bin on SIGTERM", () => {
  it("answers a call in flight, then exits 0", async () => {
    const { emulator: e, bin: b } = await startBin(10_000);
    e.inject({ kind: "delay", ms: 1500 });
    const call = postCreate(b.port);
    await expect.poll(() => e.requests.length, SPAWN_POLL).toBe(1);
    const since = b.proc.signal("SIGTERM");
    const answer = await call;
    const exit = await b.proc.exited;
    expect(answer).toMatchObject({ answers: [{ id: "1", result: { structuredContent: { status: "CREATING" } } }] });
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(b.proc.stderr).toMatch(/shutting down: waiting for calls in flight calls=1 graceMs=10000/);
    recordFigure("HTTP SIGTERM with a 1.5 s call in flight: exit after the signal", Math.round(exit.at - since), "ms");
  });

  it("with a call that outlasts the grace: closes it when the grace runs out, logs it and exits 1", async () => {
    const { emulator: e, bin: b } = await startBin(1000);
    e.setFaultRule(() => ({ kind: "hang" }));
    const call = postCreate(b.port);
    await expect.poll(() => e.requests.length, SPAWN_POLL).toBe(1);
    const since = b.proc.signal("SIGTERM");
    const exit = await b.proc.exited;
    expect(await call).toHaveProperty("error");
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(b.proc.stderr).toMatch(/error shutdown grace elapsed: closing connections of unanswered calls calls=1 graceMs=1000/);
    expect(b.proc.stderr).not.toMatch(/did not finish in time/);
    // Not before the grace; and it was the drain that ended it, not the backstop timer (5 s later).
    expect(exit.at - since).toBeGreaterThanOrEqual(1000);
    recordFigure("HTTP SIGTERM with a call hanging, grace 1 s: exit code 1 after", Math.round(exit.at - since), "ms");
  });

  it("ends at once on a second signal during the drain, killed by it", async () => {
    const { emulator: e, bin: b } = await startBin(60_000);
    e.setFaultRule(() => ({ kind: "hang" }));
    const call = postCreate(b.port);
    await expect.poll(() => e.requests.length, SPAWN_POLL).toBe(1);
    b.proc.signal("SIGTERM");
    await b.proc.waitForStderr(/shutting down: waiting for calls in flight/);
    const since = b.proc.signal("SIGTERM");
    const exit = await b.proc.exited;
    expect(await call).toHaveProperty("error");
    // The handlers run once: the second signal has its default effect, which no supervisor reads as a clean exit.
    expect(exit).toMatchObject({ code: null, signal: "SIGTERM" });
    recordFigure("HTTP second SIGTERM during a drain: exit after it", Math.round(exit.at - since), "ms");
  });
});
