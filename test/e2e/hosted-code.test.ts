// The sandbox hosting this server's own AgentCore code package (`npm run pack:agentcore`): uploaded
// to the emulator's S3 with the official SDK, created as a NODE_22 MCP runtime, and reached through
// invoke_agent_runtime, which the emulator relays to the package it unzipped and started.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore";
import { BedrockAgentCoreControlClient, CreateAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore-control";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../../src/emulator/index.js";
import { zipSync } from "fflate";
import { MINIMAL_REQUEST, type Stack, startStack, textOf, useStack } from "../helpers/stack.js";
import { spawnEmulatorCommand } from "../helpers/stdio-session.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const start = useStack();
const structured = (result: CallToolResult) => result.structuredContent as Record<string, unknown>;
const tool = (s: Stack, name: string, args: Record<string, unknown>) =>
  s.client.callTool({ name, arguments: args }) as Promise<CallToolResult>;

/** Uploads `body` to the emulator's S3 with the official SDK; returns the new version id. */
async function upload(
  s: Pick<Stack, "emulator"> | { emulator: { url: string } },
  key: string,
  body: Uint8Array,
): Promise<string | undefined> {
  const s3 = new S3Client({
    endpoint: s.emulator.url,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: SANDBOX_CREDENTIALS.accessKeyId, secretAccessKey: SANDBOX_CREDENTIALS.secretAccessKey },
  });
  try {
    return (await s3.send(new PutObjectCommand({ Bucket: "agent-code-bucket", Key: key, Body: body }))).VersionId;
  } finally {
    s3.destroy();
  }
}

// An MCP server small enough to read: it reports the headers and environment it was given, and its pid.
const TINY_AGENT = `import { createServer } from "node:http";
createServer((req, res) => {
  if (req.method === "GET" && req.url === "/ping") return res.writeHead(200, { "content-type": "application/json" }).end('{"status":"Healthy"}');
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const message = JSON.parse(body);
    if (message.id === undefined) return res.writeHead(202).end();
    const seen = {
      mcpSessionId: req.headers["mcp-session-id"] ?? null,
      runtimeSessionId: req.headers["x-amzn-bedrock-agentcore-runtime-session-id"] ?? null,
      greeting: process.env.GREETING ?? null,
      home: process.env.HOME ?? null,
      pid: process.pid,
    };
    const result = message.method === "initialize"
      ? { protocolVersion: message.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "tiny", version: "1" } }
      : { tools: [], seen };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", id: message.id, result }));
  });
}).listen(Number(process.env.MCP_PORT), process.env.MCP_HOST);
`;

/** Where the tiny agent's zip is uploaded, as a NODE_22 code artifact. */
const TINY_ARTIFACT = {
  codeConfiguration: {
    code: { s3: { bucket: "agent-code-bucket", prefix: "agents/tiny.zip" } },
    runtime: "NODE_22" as const,
    entryPoint: ["agent/main.mjs"],
  },
};

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("a hosted code package", () => {
  it(
    "runs this server's AgentCore zip from the sandbox S3 and lists its tools through invoke_agent_runtime",
    { timeout: 90_000 },
    async () => {
      const zipPath = execFileSync(process.execPath, [join(root, "scripts/pack-agentcore.mjs")], { encoding: "utf8" }).trim();
      const s = await start({ emulator: { createDelayMs: 0, hostCode: { node: process.execPath } } });
      const versionId = await upload(s, "agents/agentcore-runtime-mcp.zip", readFileSync(zipPath));
      expect(versionId).toBeDefined();

      const created = await s.call({
        ...MINIMAL_REQUEST,
        agentRuntimeName: "hosted_mcp",
        agentRuntimeArtifact: {
          codeConfiguration: {
            code: { s3: { bucket: "agent-code-bucket", prefix: "agents/agentcore-runtime-mcp.zip", versionId } },
            runtime: "NODE_22",
            entryPoint: ["main.mjs"],
          },
        },
        protocolConfiguration: { serverProtocol: "MCP" },
        waitForReadySeconds: 10,
      });
      expect(created.isError, textOf(created)).toBeFalsy();
      const id = String(structured(created)["agentRuntimeId"]);

      const listed = (await s.client.callTool({
        name: "invoke_agent_runtime",
        arguments: { agentRuntimeId: id, mcp: { method: "tools/list" } },
      })) as CallToolResult;
      expect(listed.isError, textOf(listed)).toBeFalsy();
      const tools = (structured(listed)["response"] as { tools: { name: string }[] }).tools.map((tool) => tool.name);
      // This server's own tools, not the stand-in's echo and whoami.
      expect(tools).toEqual(expect.arrayContaining(["create_agent_runtime", "get_agent_runtime", "list_agent_runtimes"]));
      expect(tools).not.toContain("whoami");

      const stopped = (await s.client.callTool({
        name: "stop_runtime_session",
        arguments: { agentRuntimeId: id, runtimeSessionId: String(structured(listed)["runtimeSessionId"]) },
      })) as CallToolResult;
      expect(stopped.isError, textOf(stopped)).toBeFalsy();
      // A new child answers the next invocation.
      const again = (await s.client.callTool({
        name: "invoke_agent_runtime",
        arguments: { agentRuntimeId: id, mcp: { method: "tools/list" } },
      })) as CallToolResult;
      expect(again.isError, textOf(again)).toBeFalsy();
      expect(JSON.stringify(structured(again)["response"])).toContain("create_agent_runtime");
    },
  );

  it(
    "relays the runtime session as Mcp-Session-Id, gives the code its own environment, stops it with the session and on close",
    { timeout: 60_000 },
    async () => {
      const s = await startStack({ emulator: { createDelayMs: 0, hostCode: { node: process.execPath } } });
      let pids: number[] = [];
      try {
        await upload(s, "agents/tiny.zip", zipSync({ "agent/main.mjs": new TextEncoder().encode(TINY_AGENT) }));
        const created = await s.call({
          ...MINIMAL_REQUEST,
          agentRuntimeName: "tiny_mcp",
          agentRuntimeArtifact: TINY_ARTIFACT,
          environmentVariables: { GREETING: "hello" },
          protocolConfiguration: { serverProtocol: "MCP" },
          waitForReadySeconds: 10,
        });
        expect(created.isError, textOf(created)).toBeFalsy();
        const id = String(structured(created)["agentRuntimeId"]);
        const seen = async (runtimeSessionId?: string) => {
          const listed = await tool(s, "invoke_agent_runtime", {
            agentRuntimeId: id,
            ...(runtimeSessionId === undefined ? {} : { runtimeSessionId }),
            mcp: { method: "tools/list" },
          });
          expect(listed.isError, textOf(listed)).toBeFalsy();
          const response = structured(listed)["response"] as { seen: { pid: number } & Record<string, unknown> };
          return { ...response.seen, session: String(structured(listed)["runtimeSessionId"]) };
        };
        const first = await seen();
        // The server answered initialize with no MCP session of its own: the platform's session is it.
        expect(first).toMatchObject({ mcpSessionId: first.session, runtimeSessionId: first.session, greeting: "hello", home: null });
        expect((await seen(first.session)).pid).toBe(first.pid);
        const stopped = await tool(s, "stop_runtime_session", { agentRuntimeId: id, runtimeSessionId: first.session });
        expect(stopped.isError, textOf(stopped)).toBeFalsy();
        const restarted = await seen();
        expect(restarted.pid).not.toBe(first.pid);
        pids = [first.pid, restarted.pid];
        await expect.poll(() => running(first.pid)).toBe(false);
        expect(running(restarted.pid)).toBe(true);
      } finally {
        await s.close();
      }
      await expect.poll(() => pids.some(running)).toBe(false);
    },
  );

  it("ends with the emulator even when the emulator is killed (SIGKILL: no cleanup of its own runs)", { timeout: 60_000 }, async () => {
    const { child: emulator, url: listening } = spawnEmulatorCommand(["--port", "0", "--host-code", "--create-delay-ms", "0"]);
    let pid: number | undefined;
    try {
      const url = await listening;
      await upload({ emulator: { url } }, "agents/tiny.zip", zipSync({ "agent/main.mjs": new TextEncoder().encode(TINY_AGENT) }));
      const options = { endpoint: url, region: "us-east-1", credentials: { ...SANDBOX_CREDENTIALS }, maxAttempts: 1 };
      const control = new BedrockAgentCoreControlClient(options);
      const data = new BedrockAgentCoreClient(options);
      try {
        const created = await control.send(
          new CreateAgentRuntimeCommand({
            ...MINIMAL_REQUEST,
            agentRuntimeName: "orphan_check",
            agentRuntimeArtifact: TINY_ARTIFACT,
            protocolConfiguration: { serverProtocol: "MCP" },
          }),
        );
        const answer = await data.send(
          new InvokeAgentRuntimeCommand({
            agentRuntimeArn: created.agentRuntimeArn,
            runtimeSessionId: "orphan-check-session-000000000000000001",
            contentType: "application/json",
            accept: "application/json, text/event-stream",
            payload: new TextEncoder().encode(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" })),
          }),
        );
        const reply = JSON.parse((await answer.response?.transformToString()) ?? "{}") as { result?: { seen?: { pid?: number } } };
        pid = reply.result?.seen?.pid;
      } finally {
        control.destroy();
        data.destroy();
      }
      expect(pid).toBeTypeOf("number");
      expect(running(pid ?? 0)).toBe(true);
    } finally {
      emulator.kill("SIGKILL");
    }
    await expect.poll(() => running(pid ?? 0), { timeout: 5000 }).toBe(false);
  });
});
