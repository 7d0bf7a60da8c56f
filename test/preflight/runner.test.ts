import { createServer } from "node:net";
import type { Server as NetServer, Socket } from "node:net";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateAgentRuntimeRequest } from "../../src/agentcore/schemas.js";
import { createSilentLogger } from "../../src/log.js";
import { lazySdkModules } from "../../src/preflight/aws-clients.js";
import type { SdkModules } from "../../src/preflight/aws-clients.js";
import { createPreflight, decidePreflight, formatPreflightReport, PreflightReportSchema } from "../../src/preflight/index.js";
import type { PreflightInput, PreflightReport } from "../../src/preflight/index.js";
import type { PinnedFetch, Resolve } from "../../src/preflight/public-fetch.js";
import { check, runIn } from "../helpers/preflight.js";

const credentials = () =>
  Promise.resolve({ accessKeyId: "AKIDSANDBOXEXAMPLE", secretAccessKey: "sandbox/secret/EXAMPLEKEY/not-a-real-aws-key" });
const JWT_ONLY: PreflightInput = {
  authorizerConfiguration: { customJWTAuthorizer: { discoveryUrl: "https://idp.example.com/.well-known/openid-configuration" } },
};

describe("the request types", () => {
  it("a CreateAgentRuntime request body is a pre-flight input as it is", () => {
    const body: CreateAgentRuntimeRequest = {
      agentRuntimeName: "typed_agent",
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest" } },
      roleArn: "arn:aws:iam::123456789012:role/AgentRuntimeRole",
    };
    const input: PreflightInput = body;
    expect(input.roleArn).toBe(body.roleArn);
  });
});

describe("loading the SDK", () => {
  it("imports no SDK client for a request whose checks need none, and only the needed ones otherwise", async () => {
    const loaded: string[] = [];
    const real = lazySdkModules();
    const counting: SdkModules = {
      iam: () => (loaded.push("iam"), real.iam()),
      sts: () => (loaded.push("sts"), real.sts()),
      ecr: () => (loaded.push("ecr"), real.ecr()),
      s3: () => (loaded.push("s3"), real.s3()),
      ec2: () => (loaded.push("ec2"), real.ec2()),
    };
    const preflight = createPreflight({
      credentials,
      endpointUrl: "http://127.0.0.1:9",
      network: false,
      log: createSilentLogger(),
      modules: counting,
    });
    await runIn(preflight, JWT_ONLY);
    expect(loaded).toEqual([]);
    await runIn(preflight, {
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest" } },
    });
    expect(new Set(loaded)).toEqual(new Set(["ecr"]));
  });
});

describe("cancellation", () => {
  let silent: NetServer;
  const sockets = new Set<Socket>();
  let url: string;
  beforeAll(async () => {
    // Accepts connections and never answers, so only the call's signal can end the run.
    // Accepts and never answers; the sockets are kept so afterAll can end them (close waits for them).
    silent = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("aborting the call's signal ends a run whose AWS calls hang, with the abort", async () => {
    const preflight = createPreflight({ credentials, endpointUrl: url, network: false, log: createSilentLogger() });
    const controller = new AbortController();
    const running = preflight.run(
      { roleArn: "arn:aws:iam::123456789012:role/AgentRuntimeRole" },
      { region: "us-east-1", signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error("call cancelled")), 100);
    await expect(running).rejects.toThrow("call cancelled");
  });
});

describe("jwt-discovery", () => {
  let server: ReturnType<typeof createHttpServer>;
  let base: string;
  beforeAll(async () => {
    server = createHttpServer((request, response) => {
      if (request.url === "/good/.well-known/openid-configuration") {
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ issuer: "https://idp.example.com/good", jwks_uri: "https://idp.example.com/good/jwks.json" }));
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // The check insists on https and a public address; these carry its requests to the local plain-HTTP server.
  const toLocal: PinnedFetch = (url, _address, init) => fetch(`${base}${url.pathname}`, init);
  const resolvePublic: Resolve = () => Promise.resolve([{ address: "93.184.215.14", family: 4 }]);
  const jwt = (discoveryUrl: string): PreflightInput => ({ authorizerConfiguration: { customJWTAuthorizer: { discoveryUrl } } });
  const preflight = (network: boolean, fetchImpl: PinnedFetch = toLocal, resolve: Resolve = resolvePublic) =>
    createPreflight({ credentials, network, fetch: fetchImpl, resolve, log: createSilentLogger() });

  it("fails a discovery URL that is not https or does not end in the well-known path", async () => {
    const plain = check(await runIn(preflight(false), jwt("http://idp.example.com/.well-known/openid-configuration")), "jwt-discovery");
    expect(plain).toMatchObject({ status: "fail" });
    expect(plain.detail).toContain("https");
    const path = check(await runIn(preflight(false), jwt("https://idp.example.com/openid")), "jwt-discovery");
    expect(path.status).toBe("fail");
    expect(path.fix).toContain("/.well-known/openid-configuration");
  });

  it("does not fetch without --preflight-network", async () => {
    let fetched = 0;
    const counting: PinnedFetch = (url, address, init) => ((fetched += 1), toLocal(url, address, init));
    const result = check(
      await runIn(preflight(false, counting), jwt("https://idp.example.com/good/.well-known/openid-configuration")),
      "jwt-discovery",
    );
    expect(result.status).toBe("pass");
    expect(fetched).toBe(0);
  });

  it("with the network allowed, passes a real discovery document and fails a 404", async () => {
    expect(
      check(await runIn(preflight(true), jwt("https://idp.example.com/good/.well-known/openid-configuration")), "jwt-discovery"),
    ).toMatchObject({ status: "pass" });
    const missing = check(
      await runIn(preflight(true), jwt("https://idp.example.com/bad/.well-known/openid-configuration")),
      "jwt-discovery",
    );
    expect(missing.status).toBe("fail");
    expect(missing.detail).toContain("404");
  });

  it("never fetches a loopback, private or link-local discovery URL, by literal or by name", async () => {
    // A real listener on loopback, with the system resolver and the real HTTPS fetch: nothing may connect.
    let connections = 0;
    const listener: NetServer = createServer((socket: Socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as AddressInfo).port;
    try {
      const real = createPreflight({ credentials, network: true, log: createSilentLogger() });
      for (const host of [
        `127.0.0.1:${port}`,
        `localhost:${port}`,
        `[::1]:${port}`,
        `[::ffff:127.0.0.1]:${port}`,
        "169.254.169.254",
        "10.0.0.1",
        "192.168.1.1",
      ]) {
        const result = check(await runIn(real, jwt(`https://${host}/.well-known/openid-configuration`)), "jwt-discovery");
        expect(result.status, host).toBe("unknown");
        expect(result.detail, host).toMatch(/was not fetched: .*not public/);
      }
      // A name whose addresses include one private address is refused too (DNS rebinding).
      const mixed: Resolve = () =>
        Promise.resolve([
          { address: "93.184.215.14", family: 4 },
          { address: "127.0.0.1", family: 4 },
        ]);
      let fetched = 0;
      const counting: PinnedFetch = (url, address, init) => ((fetched += 1), toLocal(url, address, init));
      expect(
        check(
          await runIn(preflight(true, counting, mixed), jwt("https://idp.example.com/good/.well-known/openid-configuration")),
          "jwt-discovery",
        ).status,
      ).toBe("unknown");
      expect(fetched).toBe(0);
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
    expect(connections).toBe(0);
  });

  it("follows no redirect and reads no more than 64 KiB", async () => {
    const redirect: PinnedFetch = () =>
      Promise.resolve(new Response(null, { status: 302, headers: { location: "http://169.254.169.254/" } }));
    const moved = check(
      await runIn(preflight(true, redirect), jwt("https://idp.example.com/.well-known/openid-configuration")),
      "jwt-discovery",
    );
    expect(moved).toMatchObject({ status: "fail" });
    expect(moved.detail).toContain("redirects");
    // No Content-Length: the cap applies while reading.
    const endless: PinnedFetch = () =>
      Promise.resolve(
        new Response(new ReadableStream({ pull: (controller) => controller.enqueue(new Uint8Array(16 * 1024).fill(32)) }), { status: 200 }),
      );
    const big = check(
      await runIn(preflight(true, endless), jwt("https://idp.example.com/.well-known/openid-configuration")),
      "jwt-discovery",
    );
    expect(big.detail).toContain("more than 64 KiB");
  });

  it("is unknown when the identity provider cannot be reached", async () => {
    const unreachable: PinnedFetch = (_url, _address, init) => fetch("http://127.0.0.1:9/.well-known/openid-configuration", init);
    expect(
      check(await runIn(preflight(true, unreachable), jwt("https://idp.example.com/.well-known/openid-configuration")), "jwt-discovery"),
    ).toMatchObject({ status: "unknown" });
  });
});

const REPORT: PreflightReport = {
  durationMs: 12,
  checks: [
    { id: "role-trust", status: "fail", detail: "No statement trusts the service.", fix: '{\n  "Effect": "Allow"\n}', durationMs: 5 },
    { id: "image-architecture", status: "fail", detail: "amd64 only.", fix: "docker buildx build --platform linux/arm64", durationMs: 6 },
    { id: "code-archive", status: "unknown", detail: "Access denied.", permission: "s3:GetObject", durationMs: 4 },
  ],
};

describe("deciding and formatting", () => {
  it("blocks on every failure not ignored by name, never on unknown", () => {
    expect(decidePreflight(REPORT, [])).toEqual({ proceed: false, blocking: ["role-trust", "image-architecture"], ignored: [] });
    expect(decidePreflight(REPORT, ["image-architecture"])).toEqual({
      proceed: false,
      blocking: ["role-trust"],
      ignored: ["image-architecture"],
    });
    expect(decidePreflight(REPORT, ["image-architecture", "role-trust"])).toEqual({
      proceed: true,
      blocking: [],
      ignored: ["role-trust", "image-architecture"],
    });
  });

  it("formats each check with its fix or missing permission, and the report matches its schema", () => {
    const text = formatPreflightReport(REPORT);
    expect(text).toContain("FAIL role-trust: No statement trusts the service.");
    expect(text).toContain('      "Effect": "Allow"');
    expect(text).toContain("needs permission: s3:GetObject");
    expect(PreflightReportSchema.parse(REPORT)).toEqual(REPORT);
  });
});
