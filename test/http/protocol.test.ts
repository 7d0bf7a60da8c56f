import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import {
  createTestServerFactory,
  deferred,
  initializeBody,
  mcpHeaders,
  rawRequest,
  rpc,
  sseMessages,
  useTransports,
} from "../helpers/http.js";

const start = useTransports();

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "http-test-client", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((item) => item.text ?? "").join("");
}

describe("MCP over Streamable HTTP", () => {
  it("initializes, lists tools and calls one through the SDK client", async () => {
    const handle = await start(createTestServerFactory());
    expect(handle.url).toBe(`http://127.0.0.1:${handle.port}/mcp`);
    const client = await connect(handle.url);
    try {
      expect(client.getServerVersion()?.name).toBe("http-transport-test");
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(["echo", "headers", "rendezvous", "wait"]);
      const result = await client.callTool({ name: "echo", arguments: { text: "hello over http" } });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toBe("hello over http");
    } finally {
      await client.close();
    }
  });

  it("streams progress notifications over the POST's SSE response", async () => {
    const handle = await start(createTestServerFactory());
    const client = await connect(handle.url);
    try {
      const progress: Progress[] = [];
      const result = await client.callTool({ name: "echo", arguments: { text: "with progress" } }, undefined, {
        onprogress: (update) => progress.push(update),
      });
      expect(textOf(result)).toBe("with progress");
      expect(progress.map((update) => update.progress)).toEqual([1, 2, 3]);
      expect(progress.every((update) => update.total === 3)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("builds a fresh server for every POST and answers without a session id", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory);
    const init = await rawRequest(handle.port, { body: initializeBody() });
    expect(init.status).toBe(200);
    expect(init.headers["content-type"]).toContain("text/event-stream");
    expect(init.headers["mcp-session-id"]).toBeUndefined();
    const list = await rawRequest(handle.port, { body: rpc(2, "tools/list") });
    expect(list.status).toBe(200);
    expect(sseMessages(list.text)).toMatchObject([{ jsonrpc: "2.0", id: 2, result: { tools: expect.any(Array) } }]);
    expect(factory.created()).toBe(2);
  });

  it("tolerates an Mcp-Session-Id header it never issued, as a stateful client or proxy may send", async () => {
    const handle = await start(createTestServerFactory());
    const response = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, { "mcp-session-id": "session-from-elsewhere", "mcp-protocol-version": "2025-06-18" }),
      body: rpc(3, "tools/list"),
    });
    expect(response.status).toBe(200);
    expect(sseMessages(response.text)).toMatchObject([{ id: 3, result: { tools: expect.any(Array) } }]);
  });

  it("answers a JSON-RPC notification with 202 and no body", async () => {
    const handle = await start(createTestServerFactory());
    const response = await rawRequest(handle.port, {
      body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
    });
    expect(response.status).toBe(202);
    expect(response.text).toBe("");
  });

  it("never lets a tool see the client's Authorization header", async () => {
    const token = "client-secret-token-value";
    const handle = await start(createTestServerFactory(), { auth: { bearerTokens: [token] } });
    const client = await connect(handle.url, { Authorization: `Bearer ${token}`, "X-Trace": "visible" });
    try {
      const seen = textOf(await client.callTool({ name: "headers", arguments: {} }));
      const headers = JSON.parse(seen) as Record<string, string>;
      expect(headers["x-trace"]).toBe("visible");
      expect(Object.keys(headers).map((name) => name.toLowerCase())).not.toContain("authorization");
      expect(seen).not.toContain(token);
    } finally {
      await client.close();
    }
  });

  it("gives two concurrent clients using the same JSON-RPC id each their own answer", async () => {
    let arrived = 0;
    const bothArrived = deferred();
    const factory = createTestServerFactory({
      rendezvous: () => {
        arrived += 1;
        if (arrived === 2) bothArrived.fire();
        return bothArrived.promise;
      },
    });
    const handle = await start(factory);
    const call = (label: string): Promise<unknown[]> =>
      rawRequest(handle.port, { body: rpc(7, "tools/call", { name: "rendezvous", arguments: { label } }) }).then((response) =>
        sseMessages(response.text),
      );
    const [first, second] = await Promise.all([call("first"), call("second")]);
    expect(first).toEqual([{ jsonrpc: "2.0", id: 7, result: { content: [{ type: "text", text: "first" }] } }]);
    expect(second).toEqual([{ jsonrpc: "2.0", id: 7, result: { content: [{ type: "text", text: "second" }] } }]);
  });

  it("survives a client aborting mid-call: the call is aborted and later requests still work", async () => {
    const started = deferred();
    const aborted = deferred();
    const handle = await start(createTestServerFactory({ waitStarted: started.fire, waitAborted: aborted.fire }));
    const req = httpRequest({
      host: "127.0.0.1",
      port: handle.port,
      method: "POST",
      path: "/mcp",
      headers: mcpHeaders(handle.port),
      agent: false,
    });
    const clientSide = new Promise<string>((resolve) => {
      req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.on("close", () => resolve("closed"));
    });
    req.end(rpc(1, "tools/call", { name: "wait", arguments: {} }));
    await started.promise;
    req.destroy();
    await aborted.promise;
    expect(await clientSide).toBeTypeOf("string");

    const after = await rawRequest(handle.port, { body: rpc(2, "tools/call", { name: "echo", arguments: { text: "still up" } }) });
    expect(after.status).toBe(200);
    expect(sseMessages(after.text)).toMatchObject([{ id: 2, result: { content: [{ text: "still up" }] } }]);
  });

  it("lets a 2025-era notifications/cancelled stop the caller's own request with that id, and no one else's", async () => {
    const started = deferred();
    const aborted = deferred();
    let wasAborted = false;
    const handle = await start(
      createTestServerFactory({
        waitStarted: started.fire,
        waitAborted: () => {
          wasAborted = true;
          aborted.fire();
        },
      }),
      { auth: { bearerTokens: ["caller-a-token-0123456789", "caller-b-token-0123456789"] } },
    );
    const as = (token: string) => mcpHeaders(handle.port, { authorization: `Bearer ${token}` });
    const pending = rawRequest(handle.port, {
      headers: as("caller-a-token-0123456789"),
      body: rpc(7, "tools/call", { name: "wait", arguments: {} }),
    }).catch(() => undefined);
    await started.promise;
    const cancel = (token: string) =>
      rawRequest(handle.port, {
        headers: as(token),
        body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 7, reason: "stop" } }),
      });
    expect((await cancel("caller-b-token-0123456789")).status).toBe(202);
    expect(wasAborted).toBe(false);
    expect((await cancel("caller-a-token-0123456789")).status).toBe(202);
    await aborted.promise;
    await pending;
  });

  it("close() ends an open call promptly and stops accepting connections", async () => {
    const started = deferred();
    const aborted = deferred();
    const handle = await start(createTestServerFactory({ waitStarted: started.fire, waitAborted: aborted.fire }));
    const pending = rawRequest(handle.port, { body: rpc(1, "tools/call", { name: "wait", arguments: {} }) }).then(
      () => "completed",
      (error: NodeJS.ErrnoException) => error.code ?? "failed",
    );
    await started.promise;
    await handle.close();
    await aborted.promise;
    expect(await pending).not.toBe("completed");
    await expect(rawRequest(handle.port, { body: initializeBody() })).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
