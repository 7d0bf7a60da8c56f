#!/usr/bin/env node
// The least an MCP server can do to invoke an agent: one zod-described tool on the v2 SDK that
// sends InvokeAgentRuntimeCommand through the official data-plane client (endpoint, region and
// credentials from the environment, as the SDK reads them) and returns the reply as text. No
// output schema, no checks, no deadline: the floor that invoke_agent_runtime is measured against.
import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore";
import { TextEncoder } from "node:util";
import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import * as z from "zod";

const client = new BedrockAgentCoreClient({ maxAttempts: 1 });

function buildServer() {
  const server = new McpServer({ name: "baseline-invoke-v2-server", version: "1.0.0" });
  server.registerTool(
    "invoke",
    {
      title: "Invoke",
      description: "Sends a payload to an agent runtime and returns its reply.",
      inputSchema: z.object({
        agentRuntimeArn: z.string().describe("Runtime ARN."),
        runtimeSessionId: z.string().describe("Session id."),
        payload: z.unknown().describe("JSON payload."),
      }),
    },
    async ({ agentRuntimeArn, runtimeSessionId, payload }) => {
      const answer = await client.send(
        new InvokeAgentRuntimeCommand({ agentRuntimeArn, runtimeSessionId, payload: new TextEncoder().encode(JSON.stringify(payload)) }),
      );
      return { content: [{ type: "text", text: (await answer.response?.transformToString()) ?? "" }] };
    },
  );
  return server;
}

serveStdio(buildServer);
