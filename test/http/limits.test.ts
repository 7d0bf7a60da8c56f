// Limits of the HTTP transport that end in a clear refusal: tool calls in flight beyond the cap are
// answered 503 with Retry-After and a JSON-RPC error naming the request, and logged once per burst.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { createTestServerFactory, deferred, mcpHeaders, rawRequest, rpc, useTransports } from "../helpers/http.js";

const start = useTransports();

/** A raw tools/call of the `wait` tool whose response stays open until the test closes it. */
function openWait(port: number, id: number): { close(): void } {
  const req = request({ host: "127.0.0.1", port, method: "POST", path: "/mcp", headers: mcpHeaders(port), agent: false });
  req.on("error", () => undefined);
  req.end(rpc(id, "tools/call", { name: "wait", arguments: {} }));
  return { close: () => req.destroy() };
}

describe("tool calls in flight", () => {
  it("refuses calls beyond the cap with 503, Retry-After and the request's id, logs once, and serves again once one ends", async () => {
    const lines: string[] = [];
    let started = 0;
    const twoStarted = deferred();
    const factory = createTestServerFactory({
      waitStarted: () => {
        started += 1;
        if (started === 2) twoStarted.fire();
      },
    });
    const handle = await start(factory, {
      limits: { maxCallsInFlight: 2 },
      log: createLogger({ level: "warn", write: (line) => lines.push(line) }),
    });
    const waits = [openWait(handle.port, 1), openWait(handle.port, 2)];
    await twoStarted.promise;
    for (const id of [3, 4, 5]) {
      const refused = await rawRequest(handle.port, { body: rpc(id, "tools/call", { name: "echo", arguments: { text: "hi" } }) });
      expect(refused.status).toBe(503);
      expect(refused.headers["retry-after"]).toBe("1");
      expect(JSON.parse(refused.text)).toMatchObject({
        jsonrpc: "2.0",
        id,
        error: { code: -32000, message: expect.stringMatching(/^Server busy: 2 tool calls/) },
      });
    }
    // Lists are not tool calls: they are still answered.
    expect((await rawRequest(handle.port, { body: rpc(6, "tools/list") })).status).toBe(200);
    expect(lines.filter((line) => line.includes("refusing tool calls"))).toHaveLength(1);
    waits[0]?.close();
    let answered = 0;
    for (let i = 0; i < 50 && answered !== 200; i += 1) {
      answered = (await rawRequest(handle.port, { body: rpc(7, "tools/call", { name: "echo", arguments: { text: "hi" } }) })).status;
      if (answered !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(answered).toBe(200);
    waits[1]?.close();
  });
});

describe("request bodies nested too deep", () => {
  it("are answered 400 Invalid Request before any server sees them", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory);
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const body = rpc(1, "tools/call", { name: "echo", arguments: { text: "x" } }).replace('"x"', deep);
    const answer = await rawRequest(handle.port, { body });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({
      error: { code: -32600, message: "Invalid Request: JSON nested deeper than 64 levels" },
    });
    expect(factory.created()).toBe(0);
    // A string full of brackets is not nesting.
    const brackets = await rawRequest(handle.port, { body: rpc(2, "tools/call", { name: "echo", arguments: { text: "[".repeat(1000) } }) });
    expect(brackets.status).toBe(200);
  });
});
