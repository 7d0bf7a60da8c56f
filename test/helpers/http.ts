import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
import { afterEach } from "vitest";
import { McpServer } from "@modelcontextprotocol/server";
import * as z from "zod";
import { createSilentLogger } from "../../src/log.js";
import { startHttpTransport, type HttpTransportHandle, type HttpTransportOptions } from "../../src/transports/http.js";

/** Version the test servers report from /healthz. */
export const TEST_VERSION = "9.9.9-test";

/** Points where a test observes or steers the tools of the server under test. */
export interface ToolHooks {
  /** Called when the `wait` tool starts; the tool then waits until its request is aborted. */
  waitStarted?: () => void;
  /** Called when a `wait` call's AbortSignal fires. */
  waitAborted?: () => void;
  /** Awaited by the `rendezvous` tool before it answers. */
  rendezvous?: () => Promise<void>;
}

/** A server factory plus how many servers it has built. */
export interface CountingFactory {
  create: () => McpServer;
  readonly created: () => number;
}

/** Builds the MCP server the tests serve: a few tools that exercise the transport. */
export function createTestServerFactory(hooks: ToolHooks = {}): CountingFactory {
  let created = 0;
  const create = (): McpServer => {
    created += 1;
    const server = new McpServer({ name: "http-transport-test", version: TEST_VERSION });
    server.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, async ({ text }, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      if (progressToken !== undefined) {
        for (let progress = 1; progress <= 3; progress += 1) {
          await ctx.mcpReq.notify({
            method: "notifications/progress",
            params: { progressToken, progress, total: 3 },
          });
        }
      }
      return { content: [{ type: "text", text }] };
    });
    server.registerTool("wait", {}, (ctx) => {
      hooks.waitStarted?.();
      return new Promise((resolve) => {
        ctx.mcpReq.signal.addEventListener("abort", () => {
          hooks.waitAborted?.();
          resolve({ content: [{ type: "text", text: "aborted" }] });
        });
      });
    });
    server.registerTool("rendezvous", { inputSchema: z.object({ label: z.string() }) }, async ({ label }) => {
      await hooks.rendezvous?.();
      return { content: [{ type: "text", text: label }] };
    });
    server.registerTool("headers", {}, (ctx) => ({
      content: [{ type: "text", text: JSON.stringify(Object.fromEntries(ctx.http?.req?.headers.entries() ?? [])) }],
    }));
    return server;
  };
  return { create, created: () => created };
}

/** Options for a test transport: everything but the factory, defaulted to a loopback bind on a free port. */
export type TestTransportOptions = Partial<Omit<HttpTransportOptions, "createServer">>;

/**
 * Returns a function starting transports on 127.0.0.1 (port 0 unless told) that are closed after
 * each test of the calling file.
 */
export function useTransports(): (factory: CountingFactory, overrides?: TestTransportOptions) => Promise<HttpTransportHandle> {
  const open: HttpTransportHandle[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((handle) => handle.close()));
  });
  return async (factory, overrides = {}) => {
    const handle = await startHttpTransport({
      createServer: factory.create,
      host: "127.0.0.1",
      port: 0,
      auth: {},
      allowUnauthenticated: false,
      log: createSilentLogger(),
      version: TEST_VERSION,
      ...overrides,
    });
    open.push(handle);
    return handle;
  };
}

/** A response read to its end. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Headers an MCP client sends on a POST to a server on 127.0.0.1:`port`. */
export function mcpHeaders(port: number, extra: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  return {
    host: `127.0.0.1:${port}`,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    ...extra,
  };
}

/** A JSON-RPC request body. */
export function rpc(id: number, method: string, params: Record<string, unknown> = {}): string {
  return JSON.stringify({ jsonrpc: "2.0", id, method, params });
}

/** An `initialize` request body. */
export function initializeBody(id = 1): string {
  return rpc(id, "initialize", {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "raw-test-client", version: "1.0.0" },
  });
}

/**
 * Sends one request to 127.0.0.1:`port` over a fresh connection (node:http rather than fetch, so
 * `Host` can be set freely) and reads the whole response.
 */
export function rawRequest(
  port: number,
  options: { method?: string; path?: string; headers?: OutgoingHttpHeaders; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "POST",
        path: options.path ?? "/mcp",
        headers: options.headers ?? mcpHeaders(port),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The JSON-RPC messages carried in the `data:` lines of an SSE response body. */
export function sseMessages(text: string): unknown[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => JSON.parse(line.slice("data:".length)) as unknown);
}

/** A promise with its resolver exposed, for hooks that tell a test something happened. */
export function deferred(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}
