#!/usr/bin/env node
// Drives an installed or unpacked server with a real MCP client (the SDK's, from this repository's
// devDependencies) over stdio and over Streamable HTTP, in sandbox mode: initialize, tools/list
// (every expected tool present), and a create_agent_runtime call that must answer CREATING.
// Used by the CI scripts that check the npm tarball, the MCP Bundle and the oldest Node claimed.
//
//   node scripts/ci-drive-server.mjs [--cwd DIR] [--tools a,b,c] [--env NAME=VALUE]... [--stdio-only] -- COMMAND [ARGS...]
//
// COMMAND ARGS is how a client would start the server (e.g. `npx agentcore-runtime-mcp`); the
// script appends --sandbox (and --transport http --port 0 for the HTTP round). Exit 0 only if all pass.
import { spawn } from "node:child_process";
import { clearTimeout, setTimeout } from "node:timers";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { MINIMAL_REQUEST } from "./minimal-create-request.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cwd: { type: "string" },
    tools: { type: "string" },
    env: { type: "string", multiple: true },
    "stdio-only": { type: "boolean" },
  },
});
const [command, ...args] = positionals;
if (command === undefined) throw new Error("usage: ci-drive-server.mjs [--cwd DIR] [--tools a,b] [--stdio-only] -- COMMAND [ARGS...]");
const cwd = values.cwd ?? process.cwd();
const expectedTools = (values.tools ?? "create_agent_runtime,get_agent_runtime").split(",");
// Nothing of the caller's AWS or MCP setup may leak into the server under test.
const env = {
  PATH: process.env.PATH ?? "",
  HOME: cwd,
  AWS_EC2_METADATA_DISABLED: "true",
  npm_config_offline: "true",
  ...Object.fromEntries((values.env ?? []).map((item) => [item.slice(0, item.indexOf("=")), item.slice(item.indexOf("=") + 1)])),
};
const REQUEST = { ...MINIMAL_REQUEST, agentRuntimeName: "ci_drive" };

async function exercise(label, client) {
  const { tools } = await client.listTools();
  const names = tools.map((tool) => tool.name);
  const missing = expectedTools.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`${label}: tools/list lacks ${missing.join(", ")}; got ${names.join(", ")}`);
  const result = await client.callTool({ name: "create_agent_runtime", arguments: REQUEST });
  if (result.isError || result.structuredContent?.status !== "CREATING" || result.structuredContent?.sandbox !== true) {
    throw new Error(`${label}: create_agent_runtime answered ${JSON.stringify(result).slice(0, 500)}`);
  }
  process.stderr.write(`ci-drive-server: ${label}: ${names.length} tools listed; sandbox runtime CREATING\n`);
}

async function overStdio() {
  const client = new Client({ name: "ci-drive-server", version: "0.0.0" });
  await client.connect(new StdioClientTransport({ command, args: [...args, "--sandbox"], cwd, env, stderr: "inherit" }));
  try {
    await exercise("stdio", client);
  } finally {
    await client.close();
  }
}

async function overHttp() {
  const child = spawn(command, [...args, "--sandbox", "--transport", "http", "--host", "127.0.0.1", "--port", "0"], {
    cwd,
    env,
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group: a launcher such as npx does not pass SIGTERM on to the server it starts.
    detached: true,
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let stderr = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`http: no listening line within 60 s; stderr: ${stderr}`)), 60_000);
    child.stderr.on("data", (chunk) => {
      stderr += chunk.toString("utf8");
      const match = /^listening on (http:\/\/\S+\/mcp)$/m.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`http: the server exited (${code}) before listening; stderr: ${stderr}`)));
  });
  const client = new Client({ name: "ci-drive-server", version: "0.0.0" });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    await exercise("http", client);
    await client.close();
  } finally {
    process.kill(-child.pid, "SIGTERM");
    await exited;
    child.stderr.destroy();
  }
}

await overStdio();
if (values["stdio-only"] !== true) await overHttp();
