// The bin as a newcomer meets it: what it says on start, where it binds, how it fails to bind,
// and what it does with options that do not apply. Each case was a friction point of issue #15.
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type HttpBin, BinProcess, spawnHttpBin } from "../helpers/harness.js";
import { BIN, testEnv } from "../helpers/stdio-session.js";

const running: HttpBin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((bin) => bin.proc.kill()));
});

async function start(args: readonly string[], env: Record<string, string> = {}): Promise<HttpBin> {
  const bin = await spawnHttpBin(args, testEnv(env));
  running.push(bin);
  return bin;
}

function runToExit(args: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: testEnv(env), encoding: "utf8", timeout: 15_000, input: "" });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

const STARTUP_LINE = /info agentcore-runtime-mcp \d+\.\d+\.\d+\S*: (.*)\n/;

describe("the bin on start", () => {
  it("prints one start-up line with mode, region and its origin, credential kind, tools, confirm, sandbox state, transport and address", async () => {
    const bin = await start(["--transport", "http", "--port", "0", "--sandbox", "--region", "eu-west-1"]);
    const line = (await bin.proc.waitForStderr(STARTUP_LINE))[1];
    expect(line).toBe(
      "sandbox mode (embedded emulator, nothing billed); region eu-west-1 (from --region); " +
        "credentials: the sandbox's own key pair (nothing goes to AWS); tools read,create; confirm off; sandbox state in memory (ends with the process); " +
        `transport http at ${bin.url}`,
    );
  });

  it("never reads HOST, which shells set to the machine's name", async () => {
    const bin = await start(["--transport", "http", "--port", "0", "--sandbox"], { HOST: "myhostname" });
    expect(bin.url).toBe(`http://127.0.0.1:${bin.port}/mcp`);
  });

  it("binds where MCP_HOST and MCP_PORT say", async () => {
    const bin = await start(["--transport", "http", "--sandbox"], { MCP_HOST: "localhost", MCP_PORT: "0" });
    // Port 0 picks a free port: anything but the default 3000 shows MCP_PORT was read.
    expect(bin.port).not.toBe(3000);
    expect(bin.url).toBe(`http://localhost:${bin.port}/mcp`);
  });

  it("says where a refused bind address came from", () => {
    const result = runToExit(["--transport", "http", "--port", "0"], { MCP_HOST: "0.0.0.0" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/refusing to serve HTTP on non-loopback address 0\.0\.0\.0 .*comes from MCP_HOST/);
  });

  it("exits 2 with one clear line when the port is in use", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const result = runToExit(["--transport", "http", "--sandbox"], { MCP_PORT: String(port) });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split("\n")).toEqual([
        `agentcore-runtime-mcp: cannot listen: port ${port} (from MCP_PORT) on 127.0.0.1 is in use by another process; ` +
          "choose another with --host/--port or MCP_HOST/MCP_PORT (port 0 picks a free one)",
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("reports HTTP options given to a stdio server instead of silently ignoring them", async () => {
    const proc = new BinProcess(["--host", "0.0.0.0", "--sandbox"], testEnv({ MCP_AUTH_TOKEN: "a-token-of-enough-length-0123" }));
    try {
      const match = await proc.waitForStderr(/warn (.* do not apply to the stdio transport.*)\n/);
      expect(match[1]).toContain("--host, MCP_AUTH_TOKEN");
      expect(proc.stderr).not.toContain("a-token-of-enough-length");
      await proc.waitForStderr(/transport stdio\n/);
    } finally {
      await proc.kill();
    }
  });

  it("exits 2 naming the missing option of a partial JWT configuration", () => {
    const result = runToExit(["--transport", "http", "--port", "0"], {
      MCP_JWT_ISSUER: "https://issuer.test",
      MCP_JWT_JWKS_URL: "https://issuer.test/jwks",
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("missing --jwt-audience (MCP_JWT_AUDIENCE)");
  });

  it("exits 2 with one line, never the value, when the confirmation state key is too short", () => {
    const result = runToExit(["--sandbox"], { AGENTCORE_MCP_STATE_KEY: "short-secret-value" });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      "agentcore-runtime-mcp: AGENTCORE_MCP_STATE_KEY must be at least 32 bytes long (it is not shown)",
    ]);
    expect(result.stderr).not.toContain("short-secret-value");
  });

  it("prints the resolved configuration with secrets masked and exits 0 on --print-config", () => {
    const result = runToExit(["--print-config", "--transport", "http"], {
      MCP_AUTH_TOKEN: "a-token-of-enough-length-0123",
      MCP_PORT: "8123",
    });
    expect(result.status).toBe(0);
    const shown = JSON.parse(result.stdout) as Record<string, { value: unknown; from: string }>;
    expect(shown.port).toEqual({ value: 8123, from: "MCP_PORT" });
    expect(shown.authToken).toEqual({ value: "(set, masked)", from: "MCP_AUTH_TOKEN" });
    expect(result.stdout + result.stderr).not.toContain("a-token-of-enough-length");
  });

  it.runIf(Number(process.versions.node.split(".")[0]) < 22)(
    "gives one notice on Node.js 20, not the AWS SDK's seven-line warning on top",
    async () => {
      const proc = new BinProcess(["--sandbox", "--log-level", "warn"], testEnv());
      try {
        proc.child.stdin.write(
          `${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "0" } } })}\n`,
        );
        proc.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
        proc.child.stdin.write(
          `${JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "list_agent_runtimes", arguments: {} } })}\n`,
        );
        await new Promise<void>((resolve) => {
          const check = (): void => {
            if (proc.stdout.includes('"id":2')) resolve();
          };
          proc.child.stdout.on("data", check);
          check();
        });
        expect(proc.stderr).toContain("is past its end of life");
        expect(proc.stderr).not.toContain("NodeVersionSupportWarning");
      } finally {
        await proc.kill();
      }
    },
  );
});
