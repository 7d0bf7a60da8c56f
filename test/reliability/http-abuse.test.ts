// The real app behind the Streamable HTTP transport, under hostile or careless clients: forged
// headers, bad credentials, oversized bodies, connection churn, floods of concurrent calls.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { performance } from "node:perf_hooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { createLogger } from "../../src/log.js";
import { type HttpTransportHandle, type HttpTransportOptions, startHttpTransport } from "../../src/transports/http.js";
import { type JwksIssuer, startJwksIssuer } from "../helpers/harness.js";
import { listedTools } from "../helpers/listed-tools.js";
import { MINIMAL_REQUEST, configFrom } from "../helpers/stack.js";
import { type RawResponse, initializeBody, mcpHeaders, rawRequest, sseMessages } from "../helpers/http.js";
import { SCALE, recordFigure } from "../helpers/figures.js";

const TOKEN = "abuse-test-static-token-0123456789";
const REALM = 'Bearer realm="agentcore-runtime-mcp"';

let emulator: Emulator;
let app: App;
let jwks: JwksIssuer;
let serversCreated = 0;
const logs: string[] = [];
const transports: HttpTransportHandle[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  jwks = await startJwksIssuer();
  app = createApp({
    config: configFrom(["--endpoint-url", emulator.url, "--region", "us-east-1", "--skip-preflight"]),
    version: "0.0.0-abuse",
    log: createLogger({ level: "debug", write: (line) => logs.push(line) }),
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
  });
});
afterAll(async () => {
  await Promise.all(transports.splice(0).map((handle) => handle.close()));
  await app.close();
  await jwks.close();
  await emulator.close();
});
afterEach(() => {
  emulator.clearFaults();
});

/** Serves the real app on 127.0.0.1, counting the MCP servers it builds. */
async function serve(auth: HttpTransportOptions["auth"]): Promise<HttpTransportHandle> {
  const handle = await startHttpTransport({
    createServer: () => {
      serversCreated += 1;
      return app.createServer();
    },
    host: "127.0.0.1",
    port: 0,
    auth,
    allowUnauthenticated: false,
    log: createLogger({ level: "debug", write: (line) => logs.push(line) }),
    version: "0.0.0-abuse",
  });
  transports.push(handle);
  return handle;
}

let tokenServer: HttpTransportHandle;
beforeAll(async () => {
  tokenServer = await serve({ bearerTokens: [TOKEN] });
});

function authorized(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(mcpHeaders(port) as Record<string, string>),
    authorization: `Bearer ${TOKEN}`,
    "mcp-protocol-version": "2025-06-18",
    ...extra,
  };
}

function body(id: number | string, method: string, params: Record<string, unknown> = {}): string {
  return JSON.stringify({ jsonrpc: "2.0", id, method, params });
}

/** The JSON-RPC answer with `id` in an SSE response. */
function answerOf(response: RawResponse, id: number | string): Record<string, unknown> {
  expect(response.status).toBe(200);
  const answer = sseMessages(response.text).find((message) => (message as { id?: unknown }).id === id);
  expect(answer).toBeDefined();
  return answer as Record<string, unknown>;
}

function errorOf(response: RawResponse): { code: number; message: string } {
  const parsed = JSON.parse(response.text) as { jsonrpc: string; id: unknown; error: { code: number; message: string } };
  expect(parsed).toMatchObject({ jsonrpc: "2.0", id: null });
  return parsed.error;
}

/** The names of the tools the app serves, read in process. */
async function toolNames(): Promise<string[]> {
  return (await listedTools()).map((tool) => tool.name);
}

/** The server is up and serving the real tools. */
async function expectHealthy(port: number): Promise<void> {
  const health = await rawRequest(port, { method: "GET", path: "/healthz", headers: { host: `127.0.0.1:${port}` } });
  expect(health.status).toBe(200);
  expect(JSON.parse(health.text)).toMatchObject({ status: "ok" });
  const list = answerOf(await rawRequest(port, { headers: authorized(port), body: body(1, "tools/list") }), 1);
  expect((list.result as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toEqual(await toolNames());
}

describe("forged origins and bad credentials", () => {
  it("refuses a foreign Host and a foreign Origin with 403 before any MCP server exists", async () => {
    const before = serversCreated;
    const port = tokenServer.port;
    const foreignHost = await rawRequest(port, { headers: authorized(port, { host: "evil.example.com" }), body: initializeBody() });
    expect(foreignHost.status).toBe(403);
    expect(errorOf(foreignHost).message).toMatch(/Host/);
    const foreignOrigin = await rawRequest(port, {
      headers: authorized(port, { origin: "https://evil.example.com" }),
      body: initializeBody(),
    });
    expect(foreignOrigin.status).toBe(403);
    expect(errorOf(foreignOrigin).message).toMatch(/Origin/);
    expect(serversCreated).toBe(before);
  });

  it("refuses missing, malformed and wrong bearer tokens with 401 and a WWW-Authenticate challenge", async () => {
    const before = serversCreated;
    const port = tokenServer.port;
    const cases: [string | undefined, string][] = [
      [undefined, REALM],
      ["Basic dXNlcjpwYXNz", `${REALM}, error="invalid_request"`],
      ["Bearer", `${REALM}, error="invalid_request"`],
      [`Bearer ${TOKEN} extra`, `${REALM}, error="invalid_request"`],
      ["Bearer wrong-token-0123456789", `${REALM}, error="invalid_token"`],
      [`Bearer ${TOKEN.slice(0, -1)}`, `${REALM}, error="invalid_token"`],
    ];
    for (const [authorization, challenge] of cases) {
      const headers = { ...(mcpHeaders(port) as Record<string, string>), ...(authorization === undefined ? {} : { authorization }) };
      const response = await rawRequest(port, { headers, body: initializeBody() });
      expect({ authorization, status: response.status, challenge: response.headers["www-authenticate"] }).toEqual({
        authorization,
        status: 401,
        challenge,
      });
      expect(errorOf(response).code).toBe(-32000);
    }
    expect(serversCreated).toBe(before);
    // The right token passes, so the refusals above were about the token alone.
    expect((await rawRequest(port, { headers: authorized(port), body: initializeBody() })).status).toBe(200);
  });

  it("refuses expired and wrong-audience JWTs with 401 invalid_token, and accepts a valid one", async () => {
    const handle = await serve({ jwt: { issuer: jwks.issuer, audience: jwks.audience, jwksUrl: jwks.jwksUrl } });
    const port = handle.port;
    const send = async (token: string): Promise<RawResponse> =>
      rawRequest(port, {
        headers: { ...(mcpHeaders(port) as Record<string, string>), authorization: `Bearer ${token}` },
        body: initializeBody(),
      });
    const now = Math.floor(Date.now() / 1000);
    for (const [name, token] of [
      ["expired", await jwks.sign({ expiresAt: now - 600 })],
      ["wrong audience", await jwks.sign({ audience: "some-other-service" })],
      ["wrong issuer", await jwks.sign({ issuer: "https://evil.test" })],
    ] as const) {
      const response = await send(token);
      expect({ name, status: response.status, challenge: response.headers["www-authenticate"] }).toEqual({
        name,
        status: 401,
        challenge: `${REALM}, error="invalid_token"`,
      });
    }
    const valid = await send(await jwks.sign());
    expect(valid.status).toBe(200);
    expect(answerOf(valid, 1).result).toMatchObject({ serverInfo: { name: "agentcore-runtime-mcp" } });
  });
});

/**
 * Streams a `totalBytes` body in 64 KiB chunks (one reused buffer, so the client holds almost
 * nothing) with or without a declared Content-Length, until the server answers; returns its status.
 */
function streamBody(port: number, totalBytes: number, declareLength: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = authorized(port, declareLength ? { "content-length": String(totalBytes) } : {});
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/mcp", headers, agent: false });
    let answered = false;
    req.on("response", (res: IncomingMessage) => {
      answered = true;
      res.resume();
      res.on("end", () => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
    });
    // Once the server has answered and closed its side, writes fail (EPIPE, ECONNRESET): expected.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      if (answered || req.destroyed) return;
      if (sent >= totalBytes) {
        req.end();
        return;
      }
      const piece = totalBytes - sent >= chunk.length ? chunk : chunk.subarray(0, totalBytes - sent);
      sent += piece.length;
      req.write(piece, () => setImmediate(pump));
    };
    req.write("[", () => {
      sent += 1;
      pump();
    });
  });
}

/**
 * Over a raw socket (an HTTP client library would stop on the answer), declares a 1 TiB body and
 * keeps sending after the answer until the server closes the connection; returns the status line
 * read and how long after it the connection was closed.
 */
function sendWithoutStopping(port: number): Promise<{ statusLine: string; closedAfterMs: number; bytesAfterAnswer: number }> {
  return new Promise((resolve, reject) => {
    // Half-open allowed: the client keeps sending after the server's FIN, as a careless uploader would.
    const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    let received = "";
    let answeredAt: number | undefined;
    let bytesAfterAnswer = 0;
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      answeredAt ??= performance.now();
    });
    socket.on("error", () => undefined);
    socket.once("close", () => {
      if (answeredAt === undefined) reject(new Error("the connection closed before any answer"));
      else resolve({ statusLine: received.split("\r\n")[0] ?? "", closedAfterMs: performance.now() - answeredAt, bytesAfterAnswer });
    });
    const head = Object.entries(authorized(port, { "content-length": String(1024 ** 4) }))
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      if (socket.destroyed) return;
      if (answeredAt !== undefined) bytesAfterAnswer += chunk.length;
      // Paced at about 6 MB/s: enough to show the server keeps reading, without burning a core.
      socket.write(chunk, (error) => {
        if (error === undefined || error === null) setTimeout(pump, 10);
      });
    };
    socket.once("connect", () => socket.write(`POST /mcp HTTP/1.1\r\n${head}\r\n`, () => pump()));
  });
}

describe("oversized bodies", () => {
  it("answers 10 MB bodies with 413 without holding them in memory", { timeout: 30_000 }, async () => {
    const port = tokenServer.port;
    await expectHealthy(port);
    const before = serversCreated;
    const rssBefore = process.memoryUsage().rss;
    // Not scaled: the point is one bounded figure, and RSS is too coarse to sum over hundreds of bodies.
    const bodies = 3;
    for (let i = 0; i < bodies; i += 1) {
      expect(await streamBody(port, 10 * 1024 * 1024, true)).toBe(413);
      expect(await streamBody(port, 10 * 1024 * 1024, false)).toBe(413);
    }
    const growthMb = (process.memoryUsage().rss - rssBefore) / (1024 * 1024);
    recordFigure("http: 10 MB bodies refused with 413", bodies * 2);
    recordFigure("http: RSS growth over those bodies", growthMb.toFixed(1), "MB");
    expect(growthMb).toBeLessThan(30);
    expect(serversCreated).toBe(before);
    await expectHealthy(port);
  });

  it("cuts off a client that keeps sending after its 413, once the answer has had time to arrive", { timeout: 30_000 }, async () => {
    const port = tokenServer.port;
    const outcome = await sendWithoutStopping(port);
    expect(outcome.statusLine).toBe("HTTP/1.1 413 Payload Too Large");
    recordFigure("http: connection kept after a 413 to a client that never stops", Math.round(outcome.closedAfterMs), "ms");
    recordFigure("http: bytes discarded after that 413", outcome.bytesAfterAnswer);
    await expectHealthy(port);
  });
});

type ChurnKind = "open-close" | "partial-headers" | "partial-body" | "garbage" | "unauthorized";
const CHURN_KINDS: readonly ChurnKind[] = ["open-close", "partial-headers", "partial-body", "garbage", "unauthorized"];

/** Opens one connection, does `kind` to it, and resolves once it is closed. */
function churn(port: number, kind: ChurnKind): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.once("close", () => resolve());
    socket.once("connect", () => {
      const head = `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n`;
      switch (kind) {
        case "open-close":
          socket.destroy();
          return;
        case "partial-headers":
          socket.write(head.slice(0, 40), () => socket.destroy());
          return;
        case "partial-body":
          socket.write(`${head}Authorization: Bearer ${TOKEN}\r\nContent-Length: 1000\r\n\r\n{"jsonrpc":"2.0","id":1,`, () =>
            socket.destroy(),
          );
          return;
        case "garbage":
          // The server answers 400 and closes; either side closing ends this connection.
          socket.write("\u0000\u00ffNOT HTTP AT ALL\r\n\r\n");
          socket.resume();
          socket.setTimeout(2000, () => socket.destroy());
          return;
        case "unauthorized":
          socket.write(`${head}Content-Length: 2\r\nConnection: close\r\n\r\n{}`);
          socket.resume();
          socket.setTimeout(2000, () => socket.destroy());
      }
    });
  });
}

/** Runs `tasks` with at most `width` at a time. */
async function inBatches(count: number, width: number, task: (index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += width) {
    await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, offset) => task(start + offset)));
  }
}

describe("connection churn and floods", () => {
  it("stays up through 1,000 rapid connections, many of them half-sent requests", { timeout: 30_000 + 10_000 * SCALE }, async () => {
    const port = tokenServer.port;
    const count = 1000 * SCALE;
    const started = performance.now();
    await inBatches(count, 50, (index) => churn(port, CHURN_KINDS[index % CHURN_KINDS.length] ?? "open-close"));
    const ms = performance.now() - started;
    recordFigure("http: rapid connections opened and dropped", count);
    recordFigure("http: time for those connections", Math.round(ms), "ms");
    await expectHealthy(port);
    const created = answerOf(
      await rawRequest(port, {
        headers: authorized(port),
        body: body(2, "tools/call", { name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST, agentRuntimeName: "after_churn" } }),
      }),
      2,
    );
    expect(created.result).toMatchObject({ structuredContent: { status: "CREATING" } });
    expect(logs.filter((line) => line.includes("unhandled error"))).toEqual([]);
  });

  it("answers 200 concurrent tools/list and 50 concurrent dry runs, then still serves", { timeout: 30_000 + 10_000 * SCALE }, async () => {
    const port = tokenServer.port;
    const expectedTools = await toolNames();
    const waves = SCALE;
    const started = performance.now();
    let answered = 0;
    for (let wave = 0; wave < waves; wave += 1) {
      const lists = Array.from({ length: 200 }, async (_, index) => {
        const answer = answerOf(await rawRequest(port, { headers: authorized(port), body: body(index, "tools/list") }), index);
        expect((answer.result as { tools: unknown[] }).tools).toHaveLength(expectedTools.length);
        answered += 1;
      });
      const dryRuns = Array.from({ length: 50 }, async (_, index) => {
        const name = `flood_${wave}_${index}`;
        const answer = answerOf(
          await rawRequest(port, {
            headers: authorized(port),
            body: body(index, "tools/call", {
              name: "create_agent_runtime",
              arguments: { ...MINIMAL_REQUEST, agentRuntimeName: name, dryRun: true },
            }),
          }),
          index,
        );
        expect(answer.result).toMatchObject({ structuredContent: { dryRun: { method: "PUT", body: { agentRuntimeName: name } } } });
        answered += 1;
      });
      await Promise.all([...lists, ...dryRuns]);
    }
    const ms = performance.now() - started;
    recordFigure("http: concurrent calls answered in the flood", answered);
    recordFigure("http: flood duration", Math.round(ms), "ms");
    expect(answered).toBe(250 * waves);
    await expectHealthy(port);
    const created = answerOf(
      await rawRequest(port, {
        headers: authorized(port),
        body: body(3, "tools/call", { name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST, agentRuntimeName: "after_flood" } }),
      }),
      3,
    );
    expect(created.result).toMatchObject({
      structuredContent: { status: "CREATING", agentRuntimeId: expect.stringMatching(/^after_flood-/) },
    });
    expect(logs.filter((line) => line.includes("unhandled error"))).toEqual([]);
  });

  it("gives concurrent clients that reuse one JSON-RPC id each their own answer", async () => {
    const port = tokenServer.port;
    // Every create is held 1.5 s by the emulator, so all of them are in flight at once.
    emulator.setFaultRule((request) => (request.method === "PUT" ? { kind: "delay", ms: 1500 } : undefined));
    const clients = 10;
    const before = emulator.requests.length;
    const putsSoFar = (): number => emulator.requests.slice(before).filter((request) => request.method === "PUT").length;
    let putsAtFirstAnswer: number | undefined;
    const answers = await Promise.all(
      Array.from({ length: clients }, async (_, index) => {
        const name = `same_id_${index}`;
        const response = await rawRequest(port, {
          headers: authorized(port),
          body: body(1, "tools/call", { name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST, agentRuntimeName: name } }),
        });
        putsAtFirstAnswer ??= putsSoFar();
        return { name, messages: sseMessages(response.text) };
      }),
    );
    // They overlapped: every create had reached the emulator before the first answer came back.
    expect(putsAtFirstAnswer).toBe(clients);
    for (const { name, messages } of answers) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        jsonrpc: "2.0",
        id: 1,
        result: { structuredContent: { agentRuntimeId: expect.stringMatching(new RegExp(`^${name}-`)) } },
      });
    }
    expect(putsSoFar()).toBe(clients);
  });
});
