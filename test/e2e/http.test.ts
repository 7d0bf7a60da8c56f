// The built bin over Streamable HTTP, as users run it: flags, environment, the SDK client, raw
// HTTP edge cases, bind safety and shutdown.
import { spawnSync } from "node:child_process";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult, Progress } from "@modelcontextprotocol/sdk/types.js";
import { type HttpBin, freePort, spawnHttpBin } from "../helpers/harness.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { BIN, testEnv } from "../helpers/stdio-session.js";
import { type RawResponse, initializeBody, mcpHeaders, rawRequest, rpc, sseMessages } from "../helpers/http.js";
import { recordFigure } from "../helpers/figures.js";
import { DEFAULT_TOOL_NAMES } from "../helpers/tool-names.js";
import { ERAS, type EraClient, connectHttpEra } from "../helpers/era-clients.js";

const TOKEN = "e2e-http-bearer-token-0123456789";
const SANDBOX_ARGS = ["--transport", "http", "--host", "127.0.0.1", "--port", "0", "--sandbox"];

const running: HttpBin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((bin) => bin.proc.kill()));
});

async function start(args: readonly string[] = SANDBOX_ARGS, env: Record<string, string> = {}): Promise<HttpBin> {
  const bin = await spawnHttpBin(args, testEnv(env));
  running.push(bin);
  return bin;
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "e2e-http", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

function jsonRpcError(response: RawResponse): { code: number; message: string } {
  const body = JSON.parse(response.text) as { jsonrpc: string; id: unknown; error: { code: number; message: string } };
  expect(body).toMatchObject({ jsonrpc: "2.0", id: null });
  return body.error;
}

/** Runs the bin to completion (it is expected to refuse to start). */
function runToExit(args: readonly string[], env: Record<string, string> = {}): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: testEnv(env), encoding: "utf8", timeout: 15_000 });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe("the built bin over Streamable HTTP", () => {
  it("initializes, lists tools and creates a sandbox runtime through the SDK client", async () => {
    const bin = await start();
    expect(bin.url).toBe(`http://127.0.0.1:${bin.port}/mcp`);
    const client = await connect(bin.url);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: "agentcore-runtime-mcp" });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual([...DEFAULT_TOOL_NAMES]);
      const result = (await client.callTool({ name: "create_agent_runtime", arguments: MINIMAL_REQUEST })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ sandbox: true, status: "CREATING", region: "us-east-1" });
      const got = (await client.callTool({
        name: "get_agent_runtime",
        arguments: { agentRuntimeId: String(result.structuredContent?.agentRuntimeId) },
      })) as CallToolResult;
      expect(got.structuredContent).toMatchObject({ agentRuntimeId: result.structuredContent?.agentRuntimeId, sandbox: true });
    } finally {
      await client.close();
    }
  });

  it("streams progress notifications over SSE while waiting for the runtime to become READY", async () => {
    const bin = await start();
    const client = await connect(bin.url);
    try {
      const progress: Progress[] = [];
      const result = (await client.callTool(
        { name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST, agentRuntimeName: "waits_for_ready", waitForReadySeconds: 10 } },
        undefined,
        { onprogress: (update) => progress.push(update) },
      )) as CallToolResult;
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ status: "READY", sandbox: true, waited: { timedOut: false } });
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress.at(0)?.message).toMatch(/^waits_for_ready-\S+: CREATING after /);
      expect(progress.at(-1)?.message).toMatch(/^waits_for_ready-\S+: READY after /);
      const values = progress.map((update) => update.progress);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      recordFigure("e2e http: progress notifications while waiting for READY", progress.length);
    } finally {
      await client.close();
    }
  });

  it("answers /healthz, and refuses bad HTTP with 405, 415, 413, 400 and 403", async () => {
    const bin = await start();
    const { port } = bin;
    const health = await rawRequest(port, { method: "GET", path: "/healthz", headers: { host: `127.0.0.1:${port}` } });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });

    const get = await rawRequest(port, { method: "GET", headers: { host: `127.0.0.1:${port}`, accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
    expect(jsonRpcError(get).code).toBe(-32000);

    const textPlain = await rawRequest(port, { headers: mcpHeaders(port, { "content-type": "text/plain" }), body: initializeBody() });
    expect(textPlain.status).toBe(415);
    expect(jsonRpcError(textPlain).code).toBe(-32000);

    const huge = await rawRequest(port, {
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { padding: "x".repeat(2_000_000) } }),
    });
    expect(huge.status).toBe(413);
    expect(jsonRpcError(huge).message).toMatch(/Payload Too Large/);

    const malformed = await rawRequest(port, { body: '{"jsonrpc":"2.0","id":1,' });
    expect(malformed.status).toBe(400);
    expect(jsonRpcError(malformed).code).toBe(-32700);

    const foreignHost = await rawRequest(port, { headers: mcpHeaders(port, { host: "evil.example.com" }), body: initializeBody() });
    expect(foreignHost.status).toBe(403);
    const foreignOrigin = await rawRequest(port, {
      headers: mcpHeaders(port, { origin: "https://evil.example.com" }),
      body: initializeBody(),
    });
    expect(foreignOrigin.status).toBe(403);

    // Still serving after all that.
    const list = await rawRequest(port, { body: rpc(5, "tools/list") });
    expect(sseMessages(list.text)).toMatchObject([{ jsonrpc: "2.0", id: 5, result: { tools: expect.any(Array) } }]);
  });

  it("with MCP_AUTH_TOKEN set, refuses requests without the token (401) and serves those with it", async () => {
    const bin = await start(SANDBOX_ARGS, { MCP_AUTH_TOKEN: TOKEN });
    const { port } = bin;
    const without = await rawRequest(port, { body: initializeBody() });
    expect(without.status).toBe(401);
    expect(without.headers["www-authenticate"]).toBe('Bearer realm="agentcore-runtime-mcp"');
    const wrong = await rawRequest(port, {
      headers: mcpHeaders(port, { authorization: "Bearer not-the-token-0000" }),
      body: initializeBody(),
    });
    expect(wrong.status).toBe(401);
    const withToken = await rawRequest(port, { headers: mcpHeaders(port, { authorization: `Bearer ${TOKEN}` }), body: initializeBody() });
    expect(withToken.status).toBe(200);
    expect(sseMessages(withToken.text)).toMatchObject([{ id: 1, result: { serverInfo: { name: "agentcore-runtime-mcp" } } }]);
    // The health check needs no credentials.
    expect((await rawRequest(port, { method: "GET", path: "/healthz", headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);

    const client = await connect(bin.url, { Authorization: `Bearer ${TOKEN}` });
    try {
      expect((await client.listTools()).tools).toHaveLength(DEFAULT_TOOL_NAMES.length);
    } finally {
      await client.close();
    }
  });

  it("refuses to serve 0.0.0.0 without authentication: exit 2 and one line on stderr", () => {
    const result = runToExit(["--transport", "http", "--host", "0.0.0.0", "--port", "0", "--sandbox"]);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^agentcore-runtime-mcp: refusing to serve HTTP on non-loopback address 0\.0\.0\.0 without authentication/);
    expect(result.stdout).toBe("");
  });

  it("serves 0.0.0.0 with --allow-unauthenticated, or with a token, reachable on 127.0.0.1", async () => {
    const open = await start(["--transport", "http", "--host", "0.0.0.0", "--port", "0", "--sandbox", "--allow-unauthenticated"]);
    expect(open.url).toBe(`http://0.0.0.0:${open.port}/mcp`);
    const client = await connect(open.loopbackUrl);
    try {
      expect((await client.listTools()).tools).toHaveLength(DEFAULT_TOOL_NAMES.length);
    } finally {
      await client.close();
    }

    const guarded = await start(["--transport", "http", "--host", "0.0.0.0", "--port", "0", "--sandbox"], { MCP_AUTH_TOKEN: TOKEN });
    expect((await rawRequest(guarded.port, { body: initializeBody() })).status).toBe(401);
    const ok = await rawRequest(guarded.port, {
      headers: mcpHeaders(guarded.port, { authorization: `Bearer ${TOKEN}` }),
      body: initializeBody(),
    });
    expect(ok.status).toBe(200);
  });

  it("listens on the port the PORT variable names", async () => {
    const port = await freePort();
    const bin = await start(["--transport", "http", "--sandbox"], { PORT: String(port) });
    expect(bin.port).toBe(port);
    expect(bin.url).toBe(`http://127.0.0.1:${port}/mcp`);
    expect((await rawRequest(port, { method: "GET", path: "/healthz", headers: { host: `127.0.0.1:${port}` } })).status).toBe(200);
  });

  it("exits 0 on SIGTERM: at once when idle, after answering the call in flight otherwise (drain)", async () => {
    const idle = await start();
    const idleSince = idle.proc.signal("SIGTERM");
    const idleExit = await idle.proc.exited;
    expect(idleExit).toMatchObject({ code: 0, signal: null });
    recordFigure("e2e http: exit after SIGTERM, idle", Math.round(idleExit.at - idleSince), "ms");

    const busy = await start();
    // A create that waits up to 10 s for READY keeps its SSE response open; the stream (and its
    // headers) starts with the first progress notification.
    const responseStarted = new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port: busy.port, method: "POST", path: "/mcp", headers: mcpHeaders(busy.port), agent: false },
        resolve,
      );
      req.on("error", reject);
      req.end(
        rpc(1, "tools/call", {
          name: "create_agent_runtime",
          arguments: { ...MINIMAL_REQUEST, waitForReadySeconds: 10 },
          _meta: { progressToken: "sigterm" },
        }),
      );
    });
    const response = await responseStarted;
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/event-stream");
    let firstChunk: () => void = () => undefined;
    const progressed = new Promise<void>((resolve) => {
      firstChunk = resolve;
    });
    const streamEnded = new Promise<string>((resolve) => {
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        firstChunk();
      });
      response.on("error", () => resolve(text));
      response.on("close", () => resolve(text));
    });
    await progressed;
    const busySince = busy.proc.signal("SIGTERM");
    const busyExit = await busy.proc.exited;
    expect(busyExit).toMatchObject({ code: 0, signal: null });
    recordFigure("e2e http: exit after SIGTERM, call in flight", Math.round(busyExit.at - busySince), "ms");
    // The call in flight was let finish: its stream carried the result before the process went.
    const streamed = await streamEnded;
    expect(streamed).toContain('"result"');
    expect(streamed).toContain('"status":"READY"');
  });
});

describe.each(ERAS)("a %s-era client against the built bin over HTTP", (era) => {
  const clients: EraClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  async function connectEra(bin: HttpBin, elicit?: Parameters<typeof connectHttpEra>[2]): Promise<EraClient> {
    const client = await connectHttpEra(era, bin.url, elicit);
    clients.push(client);
    return client;
  }

  it("lists, creates, and reports progress until the runtime is READY", async () => {
    const client = await connectEra(await start());
    expect((await client.listTools()).map((tool) => tool.name)).toEqual([...DEFAULT_TOOL_NAMES]);
    const progress: Progress[] = [];
    const result = await client.callTool(
      "create_agent_runtime",
      { ...MINIMAL_REQUEST, waitForReadySeconds: 20 },
      { onprogress: (update) => progress.push(update) },
    );
    expect(result.structuredContent).toMatchObject({ sandbox: true, status: "READY" });
    expect(progress.length).toBeGreaterThan(0);
  });

  it("stops a waiting call when the client cancels it, and keeps serving", async () => {
    const bin = await start([...SANDBOX_ARGS, "--log-level", "info"]);
    const client = await connectEra(bin);
    const controller = new AbortController();
    const call = client.callTool(
      "create_agent_runtime",
      { ...MINIMAL_REQUEST, waitForReadySeconds: 45 },
      { signal: controller.signal, onprogress: () => controller.abort("stop") },
    );
    await expect(call).rejects.toThrow();
    // The server's own account: the wait ended because the call was cancelled, long before its 60 s.
    await bin.proc.waitForStderr(/wait ended.*outcome="cancelled"/, 10_000);
    expect((await client.listTools()).length).toBe(DEFAULT_TOOL_NAMES.length);
  });
});

describe("--confirm over HTTP", () => {
  it("asks a 2026-era client (input_required, stateless) and creates once the person accepts", async () => {
    const bin = await start([...SANDBOX_ARGS, "--confirm"]);
    const prompts: string[] = [];
    const client = await connectHttpEra("2026", bin.url, (message) => {
      prompts.push(message);
      return { action: "accept", content: { confirm: true } };
    });
    try {
      const result = await client.callTool("create_agent_runtime", { ...MINIMAL_REQUEST });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ status: "CREATING" });
      expect(prompts).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it("tells a 2025-era client it cannot be asked (no session to send elicitation in) and creates nothing", async () => {
    const bin = await start([...SANDBOX_ARGS, "--confirm"]);
    const client = await connectHttpEra("2025", bin.url, () => ({ action: "accept", content: { confirm: true } }));
    try {
      const result = await client.callTool("create_agent_runtime", { ...MINIMAL_REQUEST });
      expect(result.isError).toBe(true);
      expect(result.structuredContent).toMatchObject({ error: { code: "ConfirmationUnavailable" } });
    } finally {
      await client.close();
    }
  });
});
