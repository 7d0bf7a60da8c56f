import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { SANDBOX_CREDENTIALS } from "../../src/emulator/index.js";
import { createSilentLogger } from "../../src/log.js";
import { connectInMemory } from "../helpers/in-memory.js";
import { configFrom, textOf } from "../helpers/stack.js";

// Answers the service may give tomorrow, served on a real socket exactly as restJson1 sends them:
// the client must show them, not fail on them.
const ID = "my_agent-AbCdE12345";
const ARN = `arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/${ID}`;

function answer(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    agentRuntimeArn: ARN,
    agentRuntimeName: "my_agent",
    agentRuntimeId: ID,
    agentRuntimeVersion: "3",
    createdAt: "2026-11-30T10:00:00Z",
    lastUpdatedAt: "2026-11-30T10:05:00Z",
    roleArn: "arn:aws:iam::123456789012:role/AgentRuntimeRole",
    networkConfiguration: { networkMode: "PUBLIC" },
    agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest" } },
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
    status: "READY",
    ...extra,
  };
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function getThrough(body: Record<string, unknown>): Promise<CallToolResult> {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": "req-future-1" });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const app = createApp({
    config: configFrom(["--endpoint-url", `http://127.0.0.1:${port}`, "--region", "us-east-1", "--skip-preflight"]),
    version: "0.0.0-test",
    log: createSilentLogger(),
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
  });
  const client = await connectInMemory(app.createServer());
  try {
    return (await client.callTool({ name: "get_agent_runtime", arguments: { agentRuntimeId: ID } })) as CallToolResult;
  } finally {
    await client.close();
    await app.close();
  }
}

describe("answers from a newer service", () => {
  it("shows DELETE_FAILED with its reason as a success", async () => {
    const result = await getThrough(answer({ status: "DELETE_FAILED", failureReason: "ENI still attached" }));
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      status: "DELETE_FAILED",
      failureReason: "ENI still attached",
      agentRuntimeVersion: "3",
    });
    expect(textOf(result)).toContain("status DELETE_FAILED");
  });

  it("passes a status it has never heard of through as it is", async () => {
    const result = await getThrough(answer({ status: "HIBERNATING" }));
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "HIBERNATING", agentRuntimeId: ID, requestId: "req-future-1" });
  });

  it("reads an answer with a member the model does not have, and shows it with the members it knows", async () => {
    const result = await getThrough(answer({ quantumConfiguration: { qubits: 7 } }));
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "READY", agentRuntimeArn: ARN });
    // The official SDK's deserializer keeps only modelled members; the raw answer puts the newer one back.
    expect(result.structuredContent).toMatchObject({ configuration: { quantumConfiguration: { qubits: 7 } } });
  });
});
