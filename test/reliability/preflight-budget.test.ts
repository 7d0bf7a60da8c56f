// Pre-flight checks against services that cannot be reached (a VPC with only the AgentCore
// endpoint, a proxy, a region's outage): the checks end within their own budget at any
// concurrency and say what failed in words, and the create goes ahead.
import { type Server, type Socket, createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { type App, createApp, systemEnvironment } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { createSilentLogger } from "../../src/log.js";
import { DEFAULT_PREFLIGHT_BUDGET_MS } from "../../src/preflight/runner.js";
import { linkInMemory } from "../helpers/in-memory.js";
import { MINIMAL_REQUEST, configFrom } from "../helpers/stack.js";
import { recordFigure } from "../helpers/figures.js";
import { quantile } from "../helpers/load-client.js";

const CONCURRENT = 32;

interface BlackHole {
  url: string;
  close(): Promise<void>;
}

/** Accepts connections and never answers: what a firewall that drops packets looks like from the client. */
async function blackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function stackWithPreflightAt(preflightEndpointUrl: string): Promise<{ emulator: Emulator; app: App; connect(): Promise<Client> }> {
  const emulator = await startEmulator({ port: 0, createDelayMs: 0, regions: "all" });
  cleanups.push(() => emulator.close());
  const app = createApp({
    config: configFrom(["--endpoint-url", emulator.url, "--region", "us-east-1"]),
    version: "0.0.0-test",
    log: createSilentLogger(),
    env: systemEnvironment(),
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
    preflightEndpointUrl,
  });
  cleanups.push(() => app.close());
  return {
    emulator,
    app,
    async connect() {
      const client = new Client({ name: "preflight-budget", version: "0.0.0" });
      await linkInMemory(app.createServer(), client);
      cleanups.push(() => client.close());
      return client;
    },
  };
}

interface Checked {
  ms: number;
  isError: boolean;
  details: string[];
}

async function timedCreate(client: Client, name: string, extra: Record<string, unknown> = {}): Promise<Checked> {
  const started = performance.now();
  const result = await client.callTool({
    name: "create_agent_runtime",
    arguments: { ...MINIMAL_REQUEST, agentRuntimeName: name, ...extra },
  });
  const checks =
    (result.structuredContent as { preflight?: { checks?: { status: string; detail: string }[] } } | undefined)?.preflight?.checks ?? [];
  return {
    ms: performance.now() - started,
    isError: result.isError === true,
    details: checks.filter((check) => check.status === "unknown").map((check) => check.detail),
  };
}

describe("pre-flight within a budget of its own", () => {
  it(`${CONCURRENT} concurrent creates with unreachable pre-flight services end within the budget plus the create`, async () => {
    const hole = await blackHole();
    cleanups.push(() => hole.close());
    const stack = await stackWithPreflightAt(hole.url);
    const clients = await Promise.all(Array.from({ length: CONCURRENT }, () => stack.connect()));
    // The create alone, in the same run: what the budget is added to.
    const alone = await timedCreate(clients[0] as Client, "baseline_agent", { preflight: false });
    expect(alone.isError).toBe(false);

    const calls = await Promise.all(clients.map((client, i) => timedCreate(client, `budget_agent_${i}`)));
    expect(calls.every((call) => !call.isError)).toBe(true);
    const p50 = quantile(
      calls.map((call) => call.ms),
      0.5,
    );
    const p99 = quantile(
      calls.map((call) => call.ms),
      0.99,
    );
    recordFigure(`pre-flight budget: p99 of ${CONCURRENT} concurrent creates, services unreachable`, Math.round(p99), "ms");
    recordFigure(
      "pre-flight budget: p99 over (budget + create alone)",
      Number((p99 / (DEFAULT_PREFLIGHT_BUDGET_MS + alone.ms)).toFixed(2)),
      "×",
    );
    // Slack for a shared 2-core machine running the other checks' timers and 32 calls at once.
    expect(p99).toBeLessThan(DEFAULT_PREFLIGHT_BUDGET_MS + alone.ms + 1500);
    expect(p50).toBeGreaterThan(DEFAULT_PREFLIGHT_BUDGET_MS * 0.8);
    for (const call of calls) {
      expect(call.details.length).toBeGreaterThan(0);
      for (const detail of call.details) expect(detail).toMatch(/did not answer within the pre-flight budget of 3000 ms\.$/);
    }
  });

  it("a service that refuses connections is reported in words, fast", async () => {
    const stack = await stackWithPreflightAt("http://127.0.0.1:1");
    const call = await timedCreate(await stack.connect(), "refused_agent");
    expect(call.isError).toBe(false);
    expect(call.details).toContain("Could not read the role AgentRuntimeRole: 127.0.0.1:1 could not be reached: ECONNREFUSED.");
    expect(call.ms).toBeLessThan(DEFAULT_PREFLIGHT_BUDGET_MS);
  });
});
