import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import { createLogger } from "../../src/log.js";
import { createTestServerFactory, initializeBody, mcpHeaders, rawRequest, type RawResponse, useTransports } from "../helpers/http.js";

const start = useTransports();
const REALM = 'Bearer realm="agentcore-runtime-mcp"';
const TOKEN = "s3cret-static-token!";
const ISSUER = "https://issuer.test";
const AUDIENCE = "agentcore-runtime-mcp";

let jwks: Server;
let jwksUrl: string;
let signingKey: CryptoKey;
let foreignKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair("ES256");
  signingKey = pair.privateKey;
  foreignKey = (await generateKeyPair("ES256")).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "ES256", use: "sig" };
  const body = JSON.stringify({ keys: [publicJwk] });
  jwks = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(async () => {
  await new Promise((resolve) => jwks.close(resolve));
});

interface TokenClaims {
  issuer?: string;
  audience?: string;
  expiresAt?: number | string;
  key?: CryptoKey;
}

function sign(claims: TokenClaims = {}): Promise<string> {
  const jwt = new SignJWT({ scope: "mcp" })
    .setProtectedHeader({ alg: "ES256", kid: "test-key" })
    .setSubject("user-1")
    .setIssuedAt()
    .setIssuer(claims.issuer ?? ISSUER)
    .setAudience(claims.audience ?? AUDIENCE);
  if (claims.expiresAt !== undefined) jwt.setExpirationTime(claims.expiresAt);
  return jwt.sign(claims.key ?? signingKey);
}

function withAuthorization(port: number, authorization: string | undefined): Promise<RawResponse> {
  const headers = mcpHeaders(port, authorization === undefined ? {} : { authorization });
  return rawRequest(port, { headers, body: initializeBody() });
}

function expectUnauthorized(response: RawResponse, error: string | undefined): void {
  expect(response.status).toBe(401);
  expect(response.headers["www-authenticate"]).toBe(error === undefined ? REALM : `${REALM}, error="${error}"`);
  expect(JSON.parse(response.text)).toMatchObject({ jsonrpc: "2.0", error: { code: -32000 }, id: null });
}

describe("bearer token authentication", () => {
  it("refuses a request without credentials, with a bare challenge and no MCP server", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory, { auth: { bearerTokens: [TOKEN] } });
    expectUnauthorized(await withAuthorization(handle.port, undefined), undefined);
    expect(factory.created()).toBe(0);
  });

  it("refuses a wrong token, including one that only shares a prefix, as invalid_token", async () => {
    const handle = await start(createTestServerFactory(), { auth: { bearerTokens: [TOKEN] } });
    for (const token of ["wrong", TOKEN.slice(0, -1), `${TOKEN}x`]) {
      const response = await withAuthorization(handle.port, `Bearer ${token}`);
      expectUnauthorized(response, "invalid_token");
      expect(response.text).not.toContain(token);
    }
  });

  it("refuses a malformed Authorization header as invalid_request", async () => {
    const handle = await start(createTestServerFactory(), { auth: { bearerTokens: [TOKEN] } });
    for (const header of [`Basic ${Buffer.from(`u:${TOKEN}`).toString("base64")}`, "Bearer", `Bearer ${TOKEN} extra`, TOKEN]) {
      expectUnauthorized(await withAuthorization(handle.port, header), "invalid_request");
    }
  });

  it("accepts any configured token, with the scheme in any case", async () => {
    const handle = await start(createTestServerFactory(), { auth: { bearerTokens: ["first-token", TOKEN] } });
    expect((await withAuthorization(handle.port, `Bearer ${TOKEN}`)).status).toBe(200);
    expect((await withAuthorization(handle.port, "bearer first-token")).status).toBe(200);
  });

  it("never treats an empty configured token as a credential", async () => {
    const handle = await start(createTestServerFactory(), { auth: { bearerTokens: ["", TOKEN] } });
    expectUnauthorized(await withAuthorization(handle.port, "Bearer "), "invalid_request");
    expectUnauthorized(await withAuthorization(handle.port, "Bearer"), "invalid_request");
  });

  it("works with the SDK client sending the token as a header", async () => {
    const handle = await start(createTestServerFactory(), { auth: { bearerTokens: [TOKEN] } });
    const client = new Client({ name: "auth-client", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(handle.url), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }),
    );
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it("refuses credentials in the query string even alongside a valid header", async () => {
    const factory = createTestServerFactory();
    const handle = await start(factory, { auth: { bearerTokens: [TOKEN] } });
    for (const query of ["access_token", "token", "api_key", "apiKey", "Authorization", "id_token"]) {
      const response = await rawRequest(handle.port, {
        path: `/mcp?${query}=${encodeURIComponent(TOKEN)}`,
        headers: mcpHeaders(handle.port, { authorization: `Bearer ${TOKEN}` }),
        body: initializeBody(),
      });
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.text).not.toContain(TOKEN);
    }
    expect(factory.created()).toBe(0);
  });

  it("refuses credentials in the query string when no authentication is configured", async () => {
    const handle = await start(createTestServerFactory());
    const response = await rawRequest(handle.port, { path: "/mcp?access_token=abc", body: initializeBody() });
    expect(response.status).toBe(400);
  });

  it("checks credentials before the method, so GET without a token is 401", async () => {
    const handle = await start(createTestServerFactory(), { auth: { bearerTokens: [TOKEN] } });
    const response = await rawRequest(handle.port, { method: "GET", headers: { host: "localhost" } });
    expectUnauthorized(response, undefined);
  });
});

describe("JWT authentication", () => {
  const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3_600;

  it("accepts a valid token signed by a key from the JWKS", async () => {
    const handle = await start(createTestServerFactory(), { auth: { jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl } } });
    const response = await withAuthorization(handle.port, `Bearer ${await sign({ expiresAt: inAnHour() })}`);
    expect(response.status).toBe(200);
  });

  it("refuses expired, wrong-audience, wrong-issuer, foreign-key and expiry-less tokens as invalid_token", async () => {
    const lines: string[] = [];
    const log = createLogger({ level: "debug", write: (line) => lines.push(line) });
    const handle = await start(createTestServerFactory(), {
      auth: { jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl } },
      log,
    });
    const tokens = {
      expired: await sign({ expiresAt: Math.floor(Date.now() / 1000) - 600 }),
      wrongAudience: await sign({ audience: "someone-else", expiresAt: inAnHour() }),
      wrongIssuer: await sign({ issuer: "https://evil.test", expiresAt: inAnHour() }),
      foreignKey: await sign({ key: foreignKey, expiresAt: inAnHour() }),
      noExpiry: await sign(),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const response = await withAuthorization(handle.port, `Bearer ${token}`);
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expectUnauthorized(response, "invalid_token");
    }
    // Each refusal is for its own reason, and the log names the reason but never the token.
    const reasons = lines.filter((line) => line.includes("authentication failed")).map((line) => /reason="([^"]+)"/.exec(line)?.[1]);
    expect(reasons).toEqual([
      "ERR_JWT_EXPIRED",
      "ERR_JWT_CLAIM_VALIDATION_FAILED",
      "ERR_JWT_CLAIM_VALIDATION_FAILED",
      "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
      "ERR_JWT_CLAIM_VALIDATION_FAILED",
    ]);
    for (const token of Object.values(tokens)) expect(lines.join("")).not.toContain(token);
  });

  it("accepts either a static token or a JWT when both are configured", async () => {
    const handle = await start(createTestServerFactory(), {
      auth: { bearerTokens: [TOKEN], jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl } },
    });
    expect((await withAuthorization(handle.port, `Bearer ${TOKEN}`)).status).toBe(200);
    expect((await withAuthorization(handle.port, `Bearer ${await sign({ expiresAt: inAnHour() })}`)).status).toBe(200);
    expectUnauthorized(await withAuthorization(handle.port, "Bearer not-a-jwt-nor-the-token"), "invalid_token");
  });

  it("refuses every JWT when the key set cannot be fetched", async () => {
    const unreachable = createServer();
    await new Promise<void>((resolve) => unreachable.listen(0, "127.0.0.1", resolve));
    const deadUrl = `http://127.0.0.1:${(unreachable.address() as AddressInfo).port}/jwks.json`;
    await new Promise((resolve) => unreachable.close(resolve));
    const handle = await start(createTestServerFactory(), {
      auth: { jwt: { issuer: ISSUER, audience: AUDIENCE, jwksUrl: deadUrl } },
    });
    expectUnauthorized(await withAuthorization(handle.port, `Bearer ${await sign({ expiresAt: inAnHour() })}`), "invalid_token");
  });
});
