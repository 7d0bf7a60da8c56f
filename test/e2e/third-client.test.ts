// A third judge beside the official v1 and v2 clients: the AI SDK's MCP client (@ai-sdk/mcp, its
// own JSON-RPC and protocol code, which speaks 2026-07-28) drives the built bin over stdio, and an
// independent JSON Schema implementation (@hyperjump/json-schema, not the SDKs' Ajv) checks every
// structured result against the outputSchema that tools/list advertised. The Python MCP SDK would
// be the natural third client, but no registry this project can reach serves it.
import { randomUUID } from "node:crypto";
import { createMCPClient } from "@ai-sdk/mcp";
import { StdioMCPTransport } from "@ai-sdk/mcp/mcp-stdio";
import { registerSchema, unregisterSchema, validate } from "@hyperjump/json-schema/draft-2020-12";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, testEnv } from "../helpers/stdio-session.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";

type Client = Awaited<ReturnType<typeof createMCPClient>>;
type Result = Awaited<ReturnType<Client["callTool"]>>;

const DIALECT = "https://json-schema.org/draft/2020-12/schema";
const schemaUri = (tool: string) => `https://agentcore-runtime-mcp.test/output/${tool}`;

let client: Client;
let listed: { name: string; outputSchema?: Record<string, unknown> }[] = [];
const seen: string[] = [];

beforeAll(async () => {
  client = await createMCPClient({
    transport: new StdioMCPTransport({
      command: process.execPath,
      args: [BIN, "--sandbox", "--tools", "all", "--log-level", "warn"],
      env: testEnv(),
      stderr: "ignore",
    }),
  });
  listed = (await client.listTools()).tools as typeof listed;
  for (const tool of listed) {
    if (tool.outputSchema === undefined) continue;
    // tools/list leaves the dialect implicit (2020-12, MCP's default); the validator needs it said.
    registerSchema({ $schema: DIALECT, ...tool.outputSchema }, schemaUri(tool.name));
  }
});

afterAll(async () => {
  await client?.close();
  for (const tool of listed) if (tool.outputSchema !== undefined) unregisterSchema(schemaUri(tool.name));
});

/** Calls a tool and holds its structured result to the advertised schema, whatever the outcome. */
async function call(name: string, args: Record<string, unknown>): Promise<Result & { structuredContent: Record<string, unknown> }> {
  const result = await client.callTool({ name, arguments: args });
  const structured = (result as { structuredContent?: unknown }).structuredContent;
  expect(structured, `${name} ${JSON.stringify(args)} has structuredContent`).toBeTypeOf("object");
  // The structured content is JSON off the wire; the validator types its instance as its own Json.
  const verdict = await validate(schemaUri(name), structured as never, "BASIC");
  const errors = verdict.valid ? [] : verdict.errors;
  expect(verdict.valid, `${name} ${JSON.stringify(args)} → ${JSON.stringify(structured)}: ${JSON.stringify(errors)}`).toBe(true);
  const code = (structured as { error?: { code?: string } }).error?.code;
  seen.push(`${name}:${result.isError === true ? String(code) : "ok"}`);
  return result as Result & { structuredContent: Record<string, unknown> };
}

describe("a third client implementation (AI SDK MCP client + an independent JSON Schema validator)", () => {
  it("lists every tool with an output schema", () => {
    expect(listed.length).toBeGreaterThanOrEqual(6);
    for (const tool of listed) expect(tool.outputSchema, tool.name).toBeTypeOf("object");
  });

  it("gets results that match their advertised schemas on every path of a runtime's life", async () => {
    const name = `third_${randomUUID().slice(0, 8).replace(/-/g, "")}`;
    const request = { ...MINIMAL_REQUEST, agentRuntimeName: name };

    // Arguments that do not fit: a refusal of our own, for every tool.
    for (const tool of listed) await call(tool.name, { notAMember: true });

    expect((await call("create_agent_runtime", { ...request, dryRun: true })).isError).not.toBe(true);
    const blocked = await call("create_agent_runtime", {
      ...request,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/amd64-agent:latest" } },
    });
    expect(blocked.isError).toBe(true);

    const created = await call("create_agent_runtime", { ...request, waitForReadySeconds: 30 });
    expect(created.isError, JSON.stringify(created.structuredContent)).not.toBe(true);
    const id = String(created.structuredContent.agentRuntimeId);
    expect((await call("create_agent_runtime", request)).isError).toBe(true);

    expect((await call("get_agent_runtime", { agentRuntimeId: name })).isError).not.toBe(true);
    expect((await call("list_agent_runtimes", {})).isError).not.toBe(true);
    expect((await call("list_agent_runtime_versions", { agentRuntimeId: id })).isError).not.toBe(true);

    // A member the runtime did not have: the case that broke the official clients.
    const change = { agentRuntimeId: id, description: "set by the third client" };
    expect((await call("update_agent_runtime", { ...change, dryRun: true })).isError).not.toBe(true);
    expect((await call("update_agent_runtime", { ...change, waitForReadySeconds: 30 })).isError).not.toBe(true);
    expect((await call("update_agent_runtime", change)).isError).toBe(true);

    expect((await call("delete_agent_runtime", { agentRuntimeId: id, dryRun: true })).isError).not.toBe(true);
    expect((await call("delete_agent_runtime", { agentRuntimeId: id, confirmName: "some_other_name" })).isError).toBe(true);
    expect((await call("delete_agent_runtime", { agentRuntimeId: id, confirmName: name, waitForDeletedSeconds: 30 })).isError).not.toBe(
      true,
    );
    expect((await call("get_agent_runtime", { agentRuntimeId: id })).isError).toBe(true);

    expect(seen).toContain("create_agent_runtime:PreflightFailed");
    expect(seen).toContain("create_agent_runtime:ConflictException");
    expect(seen).toContain("get_agent_runtime:ResourceNotFoundException");
  }, 90_000);
});
