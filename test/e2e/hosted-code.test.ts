// The sandbox hosting this server's own AgentCore code package (`npm run pack:agentcore`): uploaded
// to the emulator's S3 with the official SDK, created as a NODE_22 MCP runtime, and reached through
// invoke_agent_runtime, which the emulator relays to the package it unzipped and started.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../../src/emulator/index.js";
import { MINIMAL_REQUEST, textOf, useStack } from "../helpers/stack.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const start = useStack();
const structured = (result: CallToolResult) => result.structuredContent as Record<string, unknown>;

describe("a hosted code package", () => {
  it(
    "runs this server's AgentCore zip from the sandbox S3 and lists its tools through invoke_agent_runtime",
    { timeout: 90_000 },
    async () => {
      const zipPath = execFileSync(process.execPath, [join(root, "scripts/pack-agentcore.mjs")], { encoding: "utf8" }).trim();
      const s = await start({ emulator: { createDelayMs: 0, hostCode: { node: process.execPath } } });
      const s3 = new S3Client({
        endpoint: s.emulator.url,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: SANDBOX_CREDENTIALS.accessKeyId, secretAccessKey: SANDBOX_CREDENTIALS.secretAccessKey },
      });
      const put = await s3.send(
        new PutObjectCommand({ Bucket: "agent-code-bucket", Key: "agents/agentcore-runtime-mcp.zip", Body: readFileSync(zipPath) }),
      );
      s3.destroy();
      expect(put.VersionId).toBeDefined();

      const created = await s.call({
        ...MINIMAL_REQUEST,
        agentRuntimeName: "hosted_mcp",
        agentRuntimeArtifact: {
          codeConfiguration: {
            code: { s3: { bucket: "agent-code-bucket", prefix: "agents/agentcore-runtime-mcp.zip", versionId: put.VersionId } },
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
});
