import { describe, expect, it } from "vitest";
import { checkBindSafety, startHttpTransport } from "../../src/transports/http.js";
import { createSilentLogger } from "../../src/log.js";
import { createTestServerFactory, initializeBody, mcpHeaders, rawRequest, rpc, useTransports } from "../helpers/http.js";

const start = useTransports();

describe("checkBindSafety", () => {
  it("allows loopback binds without authentication", () => {
    for (const host of ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"]) {
      expect({ host, refusal: checkBindSafety(host, {}, false) }).toEqual({ host, refusal: undefined });
    }
  });

  it("refuses a non-loopback bind without any authentication, naming the ways out", () => {
    for (const host of ["0.0.0.0", "::", "192.0.2.10", "mcp.example.com"]) {
      const refusal = checkBindSafety(host, {}, false);
      expect(refusal).toContain(host);
      expect(refusal).toContain("--allow-unauthenticated");
      expect(refusal).toContain("MCP_AUTH_TOKEN");
    }
  });

  it("treats only non-empty tokens as authentication", () => {
    expect(checkBindSafety("0.0.0.0", { bearerTokens: [] }, false)).toBeTypeOf("string");
    expect(checkBindSafety("0.0.0.0", { bearerTokens: [""] }, false)).toBeTypeOf("string");
    expect(checkBindSafety("0.0.0.0", { bearerTokens: ["token"] }, false)).toBeUndefined();
  });

  it("accepts a non-loopback bind with JWT validation or an explicit opt-out", () => {
    const jwt = { issuer: "https://issuer.test", audience: "aud", jwksUrl: "http://127.0.0.1:1/jwks.json" };
    expect(checkBindSafety("0.0.0.0", { jwt }, false)).toBeUndefined();
    expect(checkBindSafety("0.0.0.0", {}, true)).toBeUndefined();
  });
});

describe("binding a non-loopback address", () => {
  it("refuses to start without authentication", async () => {
    const factory = createTestServerFactory();
    await expect(
      startHttpTransport({
        createServer: factory.create,
        host: "0.0.0.0",
        port: 0,
        auth: {},
        allowUnauthenticated: false,
        log: createSilentLogger(),
        version: "test",
      }),
    ).rejects.toThrow(/without authentication/);
  });

  it("serves when unauthenticated access is explicitly allowed", async () => {
    const handle = await start(createTestServerFactory(), { host: "0.0.0.0", allowUnauthenticated: true });
    expect(handle.url).toBe(`http://0.0.0.0:${handle.port}/mcp`);
    // Any Host is accepted: nothing was configured to restrict it.
    const response = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, { host: "agent.example.com" }),
      body: initializeBody(),
    });
    expect(response.status).toBe(200);
  });

  it("meets the AgentCore Runtime contract: any Host, extra session headers, stateless POST /mcp", async () => {
    const handle = await start(createTestServerFactory(), { host: "0.0.0.0", allowUnauthenticated: true });
    const response = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, {
        host: "runtime.agentcore.internal:8000",
        "mcp-session-id": "3f0c6a4e-agentcore-session",
        "x-amzn-bedrock-agentcore-runtime-session-id": "3f0c6a4e-agentcore-session",
        "mcp-protocol-version": "2025-06-18",
      }),
      body: rpc(4, "tools/list"),
    });
    expect(response.status).toBe(200);
    expect(response.headers["mcp-session-id"]).toBeUndefined();
    expect(response.text).toContain('"id":4');
  });

  it("serves with a token and requires it", async () => {
    const handle = await start(createTestServerFactory(), { host: "0.0.0.0", auth: { bearerTokens: ["bind-token"] } });
    expect((await rawRequest(handle.port, { body: initializeBody() })).status).toBe(401);
    const response = await rawRequest(handle.port, {
      headers: mcpHeaders(handle.port, { authorization: "Bearer bind-token" }),
      body: initializeBody(),
    });
    expect(response.status).toBe(200);
  });

  it("accepts only the configured hosts and origins when given", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory, {
      host: "0.0.0.0",
      auth: { bearerTokens: ["bind-token"] },
      allowedHosts: ["mcp.example.com"],
      allowedOrigins: ["https://console.example.com"],
    });
    const send = (headers: Record<string, string>): Promise<number> =>
      rawRequest(handle.port, {
        headers: mcpHeaders(handle.port, { authorization: "Bearer bind-token", ...headers }),
        body: initializeBody(),
      }).then((response) => response.status);
    expect(await send({ host: "mcp.example.com:8000" })).toBe(200);
    expect(await send({ host: "MCP.example.com", origin: "https://console.example.com" })).toBe(200);
    expect(await send({ host: `127.0.0.1:${handle.port}` })).toBe(403);
    expect(await send({ host: "mcp.example.com", origin: "https://evil.example.com" })).toBe(403);
    expect(factory.created()).toBe(2);
  });

  it("rejects malformed allowed hosts and origins at start-up", async () => {
    const factory = createTestServerFactory();
    await expect(start(factory, { allowedOrigins: ["not a url"] })).rejects.toThrow(/invalid allowed origin/);
    await expect(start(factory, { allowedHosts: ["bad host name"] })).rejects.toThrow(/invalid allowed host/);
  });
});
