import { request as httpRequest, type IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_BODY_BYTES } from "../../src/transports/http.js";
import {
  TEST_VERSION,
  createTestServerFactory,
  initializeBody,
  mcpHeaders,
  rawRequest,
  type RawResponse,
  useTransports,
} from "../helpers/http.js";

const start = useTransports();

function jsonRpcError(response: RawResponse): { code: number; message: string } {
  const body = JSON.parse(response.text) as { jsonrpc: string; id: unknown; error: { code: number; message: string } };
  expect(body.jsonrpc).toBe("2.0");
  expect(body.id).toBeNull();
  expect(response.headers["content-type"]).toBe("application/json");
  return body.error;
}

/**
 * Streams `chunkBytes`-sized chunks (no Content-Length, so chunked) until the server answers or
 * `maxChunks` have gone out, then returns the status and whether the server closed the connection.
 */
function streamUntilAnswered(
  port: number,
  chunkBytes: number,
  maxChunks: number,
): Promise<{ status: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/mcp", headers: mcpHeaders(port), agent: false });
    let answered = false;
    req.on("response", (res: IncomingMessage) => {
      answered = true;
      res.resume();
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection });
        req.destroy();
      });
    });
    // Writing after the server has closed its side fails with EPIPE or ECONNRESET; only an error
    // before any answer is a test failure.
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(chunkBytes, 0x20);
    let sent = 0;
    const pump = (): void => {
      if (answered || req.destroyed) return;
      if (sent === maxChunks) {
        req.end();
        return;
      }
      sent += 1;
      req.write(chunk, () => setImmediate(pump));
    };
    req.write("[", () => pump());
  });
}

describe("HTTP guards", () => {
  it("refuses a foreign Host header with 403 before any MCP server exists", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory);
    const response = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, { host: "evil.example.com" }),
      body: initializeBody(),
    });
    expect(response.status).toBe(403);
    expect(jsonRpcError(response).message).toMatch(/Host/);
    expect(factory.created()).toBe(0);
  });

  it("refuses a foreign Origin with 403 before any MCP server exists", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory);
    const response = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, { origin: "http://evil.example.com" }),
      body: initializeBody(),
    });
    expect(response.status).toBe(403);
    expect(jsonRpcError(response).message).toMatch(/Origin/);
    expect(factory.created()).toBe(0);
  });

  it("accepts every localhost spelling of Host and Origin, on any port", async () => {
    const handle = await start(createTestServerFactory());
    const variants = [
      { host: "localhost", origin: "http://localhost:5173" },
      { host: `localhost:${handle.port}`, origin: "https://127.0.0.1" },
      { host: "[::1]:8080", origin: "http://[::1]:6274" },
      { host: `127.0.0.1:${handle.port}`, origin: undefined },
    ];
    for (const { host, origin } of variants) {
      const headers = mcpHeaders(handle.port, origin === undefined ? { host } : { host, origin });
      const response = await rawRequest(handle.port, { headers, body: initializeBody() });
      expect({ host, origin, status: response.status }).toEqual({ host, origin, status: 200 });
    }
  });

  it("refuses look-alike hosts and non-http origins on a loopback bind", async () => {
    const handle = await start(createTestServerFactory());
    const refused = [
      { host: "localhost.evil.example.com" },
      { host: "localhost@evil.example.com" },
      { origin: "null" },
      { origin: "file://localhost" },
    ];
    for (const headers of refused) {
      const response = await rawRequest(handle.port, { headers: mcpHeaders(handle.port, headers), body: initializeBody() });
      expect({ headers, status: response.status }).toEqual({ headers, status: 403 });
    }
  });

  it("also accepts configured extra hosts and origins on a loopback bind", async () => {
    const handle = await start(createTestServerFactory(), {
      allowedHosts: ["mcp.internal"],
      allowedOrigins: ["https://app.example.com"],
    });
    const ok = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, { host: "mcp.internal:9000", origin: "https://app.example.com" }),
      body: initializeBody(),
    });
    expect(ok.status).toBe(200);
    const wrongPort = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, { origin: "https://app.example.com:8443" }),
      body: initializeBody(),
    });
    expect(wrongPort.status).toBe(403);
  });

  it("answers GET and DELETE on /mcp with 405, Allow: POST and a JSON-RPC error", async () => {
    const handle = await start(createTestServerFactory());
    for (const method of ["GET", "DELETE"]) {
      const response = await rawRequest(handle.port, {
        method,
        headers: { host: `127.0.0.1:${handle.port}`, accept: "text/event-stream" },
      });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe("POST");
      expect(jsonRpcError(response).code).toBe(-32000);
    }
  });

  it("answers other paths with 404", async () => {
    const handle = await start(createTestServerFactory());
    for (const path of ["/", "/mcp/extra", "/sse"]) {
      const response = await rawRequest(handle.port, { path, body: initializeBody() });
      expect(response.status).toBe(404);
      expect(jsonRpcError(response).code).toBe(-32000);
    }
  });

  it("refuses a declared Content-Length over the limit with 413 without reading the body", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory, { maxBodyBytes: 1_000 });
    const response = await new Promise<{ status: number; text: string; connection: string | undefined }>((resolve, reject) => {
      const req = httpRequest({
        host: "127.0.0.1",
        port: handle.port,
        method: "POST",
        path: "/mcp",
        headers: mcpHeaders(handle.port, { "content-length": 5_000_000 }),
        agent: false,
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), connection: res.headers.connection });
          req.destroy();
        });
      });
      req.on("error", reject);
      // Only the headers and a sliver of the announced body are ever sent.
      req.write("[");
    });
    expect(response.status).toBe(413);
    expect(response.connection).toBe("close");
    expect((JSON.parse(response.text) as { error: { code: number } }).error.code).toBe(-32000);
    expect(factory.created()).toBe(0);
  });

  it("refuses a chunked body with 413 as soon as it passes the limit", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory, { maxBodyBytes: 4_096 });
    // 200 chunks of 1 KiB would be 200 KiB: the server must answer long before that.
    const response = await streamUntilAnswered(handle.port, 1_024, 200);
    expect(response).toEqual({ status: 413, connection: "close" });
    expect(factory.created()).toBe(0);
  });

  it("applies a default body limit of about a megabyte", async () => {
    const handle = await start(createTestServerFactory());
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1_000_000);
    const response = await streamUntilAnswered(handle.port, 64 * 1_024, 64);
    expect(response.status).toBe(413);
  });

  it("refuses a POST whose Content-Type is not JSON with 415", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory);
    for (const contentType of ["text/plain", "text/plain; a=application/json", "application/x-www-form-urlencoded"]) {
      const response = await rawRequest(handle.port, {
        headers: mcpHeaders(handle.port, { "content-type": contentType }),
        body: initializeBody(),
      });
      expect(response.status).toBe(415);
      expect(jsonRpcError(response).code).toBe(-32000);
    }
    expect(factory.created()).toBe(0);
  });

  it("accepts application/json with parameters", async () => {
    const handle = await start(createTestServerFactory());
    const response = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, { "content-type": "application/json; charset=utf-8" }),
      body: initializeBody(),
    });
    expect(response.status).toBe(200);
  });

  it("answers malformed JSON with 400 and a JSON-RPC parse error", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory);
    for (const body of ["{not json", ""]) {
      const response = await rawRequest(handle.port, { body });
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toEqual({
        jsonrpc: "2.0",
        error: { code: -32700, message: expect.any(String) },
        id: null,
      });
    }
    expect(factory.created()).toBe(0);
  });

  it("serves /healthz without authentication and without secrets", async () => {
    const token = "health-check-must-not-leak-this";
    const handle = await start(createTestServerFactory(), { auth: { bearerTokens: [token] } });
    const response = await rawRequest(handle.port, { method: "GET", path: "/healthz", headers: { host: "localhost" } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ status: "ok", version: TEST_VERSION });
    expect(response.text).not.toContain(token);
    const post = await rawRequest(handle.port, { path: "/healthz", body: "{}" });
    expect(post.status).toBe(405);
  });
});
