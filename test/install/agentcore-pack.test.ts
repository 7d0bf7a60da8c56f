// The AgentCore Runtime code package (`npm run pack:agentcore`), unzipped and started the way the
// NODE_22 managed runtime starts it (its entry point, in its directory, with the runtime's
// environment), then driven by an MCP client over the AgentCore MCP contract: POST /mcp,
// stateless, the platform's session headers, GET /ping.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { LISTENING_LINE, freePort } from "../helpers/harness.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { emulatorEnv } from "../helpers/stdio-session.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const CONTRACT_PORT = 8000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function unpack(): string {
  const zipPath = execFileSync(process.execPath, [join(root, "scripts/pack-agentcore.mjs")], { encoding: "utf8" }).trim();
  const dir = mkdtempSync(join(tmpdir(), "agentcore-code-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zipPath)))) {
    if (name.endsWith("/")) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

function start(dir: string, env: Record<string, string>): Promise<{ child: ChildProcess; host: string; port: number }> {
  // The entry point the docs give create_agent_runtime: main.mjs, run by node from the code's directory.
  const child = spawn(process.execPath, ["main.mjs"], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
  cleanups.push(() => {
    child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`no listening line: ${stderr}`)), 15_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = LISTENING_LINE.exec(stderr);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, host: match[2] ?? "", port: Number(match[3]) });
      }
    });
    child.once("exit", (code) => reject(new Error(`exited ${String(code)}: ${stderr}`)));
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "0.0.0.0", () => server.close(() => resolve(true)));
  });
}

describe("the AgentCore Runtime code package", () => {
  it("starts from its entry point on 0.0.0.0:8000 and serves the AgentCore MCP contract", { timeout: 60_000 }, async () => {
    const dir = unpack();
    const emulator: Emulator = await startEmulator({ port: 0, regions: "all", createDelayMs: 0 });
    cleanups.push(() => emulator.close());
    // The default is the contract's port; only when this machine has it taken does the test move.
    const override: Record<string, string> = (await portFree(CONTRACT_PORT)) ? {} : { MCP_PORT: String(await freePort()) };
    const { host, port } = await start(dir, emulatorEnv(emulator.url, { ...override, LOG_LEVEL: "info" }));
    expect(host).toBe("0.0.0.0");
    if (!("MCP_PORT" in override)) expect(port).toBe(CONTRACT_PORT);

    const ping = await fetch(`http://127.0.0.1:${port}/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toMatchObject({ status: "Healthy", time_of_last_update: expect.any(Number) });

    // The platform adds its session headers to every request it forwards.
    const headers = {
      "Mcp-Session-Id": "platform-session-0123456789abcdef",
      "X-Amzn-Bedrock-AgentCore-Runtime-Session-Id": "platform-session-0123456789abcdef",
    };
    const client = new Client({ name: "agentcore-platform", version: "0.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), { requestInit: { headers } }));
    cleanups.push(() => client.close());
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("create_agent_runtime");
    const created = await client.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST } });
    expect(created.isError, JSON.stringify(created.content)).toBeFalsy();
    expect(emulator.requests.map((request) => request.operation)).toContain("CreateAgentRuntime");
  });
});
