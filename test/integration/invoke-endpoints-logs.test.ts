import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { MINIMAL_REQUEST, type Stack, textOf, useStack } from "../helpers/stack.js";

const start = useStack();
const tool = (s: Stack, name: string, args: Record<string, unknown>) =>
  s.client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
const NEW_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:v2";
const SESSION = "conversation-session-0000000000000000001";
const structured = (result: CallToolResult) => result.structuredContent as Record<string, unknown>;

describe("from chat: invoke, sessions, endpoints, logs", () => {
  it("create → invoke → v2 → prod on v1 → prod (v1) and DEFAULT (v2) → promote → roll back → logs → delete endpoint (declined, approved) → delete runtime", async () => {
    let approve = false;
    const prompts: string[] = [];
    const s = await start({
      emulator: { createDelayMs: 1000 },
      elicit: (message) => {
        prompts.push(message);
        return approve ? { action: "accept", content: { confirm: true } } : { action: "decline" };
      },
    });
    await s.client.listTools();
    const created = await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 10 });
    const id = String(structured(created)["agentRuntimeId"]);

    const first = await tool(s, "invoke_agent_runtime", { agentRuntimeId: "my_agent", payload: { prompt: "hello" } });
    expect(first.isError).toBeFalsy();
    const session = String(structured(first)["runtimeSessionId"]);
    expect(session.length).toBeGreaterThanOrEqual(33);
    expect(structured(first)).toMatchObject({
      statusCode: 200,
      contentType: "application/json",
      qualifier: "DEFAULT",
      response: { echo: { prompt: "hello" }, invocationsInSession: 1, agentRuntimeVersion: "1" },
    });
    const again = await tool(s, "invoke_agent_runtime", { agentRuntimeId: id, runtimeSessionId: session, payload: "more" });
    expect(structured(again)).toMatchObject({ runtimeSessionId: session, response: { echo: "more", invocationsInSession: 2 } });

    await tool(s, "update_agent_runtime", {
      agentRuntimeId: id,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: NEW_IMAGE } },
      waitForReadySeconds: 10,
    });
    approve = true;
    const prod = await tool(s, "create_agent_runtime_endpoint", {
      agentRuntimeId: id,
      name: "prod",
      agentRuntimeVersion: "1",
      waitForReadySeconds: 10,
    });
    expect(prod.isError, textOf(prod)).toBeFalsy();
    expect(structured(prod)["endpoint"]).toMatchObject({ name: "prod", status: "READY", liveVersion: "1" });

    const onProd = await tool(s, "invoke_agent_runtime", { agentRuntimeId: id, qualifier: "prod", runtimeSessionId: SESSION, payload: 1 });
    expect(structured(onProd)["response"]).toMatchObject({ agentRuntimeVersion: "1", endpoint: "prod" });
    const onDefault = await tool(s, "invoke_agent_runtime", { agentRuntimeId: id, payload: 1 });
    expect(structured(onDefault)["response"]).toMatchObject({ agentRuntimeVersion: "2", endpoint: "DEFAULT" });

    const promoted = await tool(s, "update_agent_runtime_endpoint", {
      agentRuntimeId: id,
      endpointName: "prod",
      agentRuntimeVersion: "2",
      waitForReadySeconds: 10,
    });
    expect(textOf(promoted)).toContain("liveVersion 1 → 2");
    const rolledBack = await tool(s, "update_agent_runtime_endpoint", {
      agentRuntimeId: id,
      endpointName: "prod",
      agentRuntimeVersion: "1",
      waitForReadySeconds: 10,
    });
    expect(textOf(rolledBack)).toContain("liveVersion 2 → 1");
    expect(structured(rolledBack)).toMatchObject({ previousVersion: "2", endpoint: { liveVersion: "1" } });

    const listed = await tool(s, "list_agent_runtime_endpoints", { agentRuntimeId: id });
    expect((structured(listed)["endpoints"] as { name: string; liveVersion: string }[]).map((e) => [e.name, e.liveVersion])).toEqual([
      ["DEFAULT", "2"],
      ["prod", "1"],
    ]);

    const logs = await tool(s, "get_agent_runtime_logs", { agentRuntimeId: id, filterPattern: "invocation" });
    expect((structured(logs)["events"] as unknown[]).length).toBe(3);
    const prodLogs = await tool(s, "get_agent_runtime_logs", { agentRuntimeId: id, endpointName: "prod", runtimeSessionId: SESSION });
    expect(structured(prodLogs)).toMatchObject({ logGroupName: `/aws/bedrock-agentcore/runtimes/${id}-prod`, more: false });

    approve = false;
    const declined = await tool(s, "delete_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "prod" });
    expect(textOf(declined)).toMatch(/^NotApproved: /);
    expect(s.emulator.requests.some((request) => request.operation === "DeleteAgentRuntimeEndpoint")).toBe(false);
    approve = true;
    const deleted = await tool(s, "delete_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "prod" });
    expect(deleted.isError, textOf(deleted)).toBeFalsy();
    expect(structured(deleted)["endpoint"]).toMatchObject({ status: "DELETING" });
    expect(prompts.some((prompt) => prompt.includes('endpoint "prod"'))).toBe(true);

    const gone = await tool(s, "delete_agent_runtime", { agentRuntimeId: id, waitForDeletedSeconds: 10 });
    expect(structured(gone)).toMatchObject({ deleted: true });
  });

  it("refuses DEFAULT locally, a not-READY runtime with how to wait, and points failed invocations at the logs", async () => {
    const s = await start({ emulator: { createDelayMs: 5000 } });
    await s.client.listTools();
    const id = String(structured(await s.call({ ...MINIMAL_REQUEST }))["agentRuntimeId"]);
    const early = await tool(s, "invoke_agent_runtime", { agentRuntimeId: id, payload: 1 });
    expect(textOf(early)).toMatch(/^NotReady: runtime .* is CREATING/);
    expect(textOf(early)).toMatch(/Next step: Wait until it is READY: call get_agent_runtime/);
    await s.get({ agentRuntimeId: id });

    const sent = s.emulator.requests.length;
    for (const [name, args] of [
      ["update_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "DEFAULT", agentRuntimeVersion: "1" }],
      ["delete_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "DEFAULT" }],
    ] as const) {
      const refused = await tool(s, name, args);
      expect(textOf(refused)).toMatch(/^DefaultEndpoint: the DEFAULT endpoint cannot be/);
    }
    expect(s.emulator.requests.length).toBe(sent);

    s.emulator.setClockSkew(10_000);
    const both = await tool(s, "invoke_agent_runtime", { agentRuntimeId: id, payload: 1, mcp: { method: "tools/list" } });
    expect(textOf(both)).toMatch(/^InvalidPayload: /);
    const big = await tool(s, "invoke_agent_runtime", { agentRuntimeId: id, payload: "x".repeat(1024 * 1024 + 1) });
    expect(textOf(big)).toMatch(/^PayloadTooLarge: .*at most 1048576 bytes/);
    expect(s.emulator.requests.some((request) => request.operation === "InvokeAgentRuntime")).toBe(false);
  });

  it("relays a streamed reply as progress notifications, one per event, and collects the events", async () => {
    const s = await start({ emulator: { createDelayMs: 0, streamIntervalMs: 5 } });
    await s.client.listTools();
    const id = String(structured(await s.call({ ...MINIMAL_REQUEST }))["agentRuntimeId"]);
    const progress: string[] = [];
    const streamed = (await s.client.callTool(
      { name: "invoke_agent_runtime", arguments: { agentRuntimeId: id, payload: "a streamed hello", stream: true } },
      undefined,
      {
        onprogress: (notification) => {
          progress.push(notification.message ?? "");
        },
      },
    )) as CallToolResult;
    expect(streamed.isError, textOf(streamed)).toBeFalsy();
    const events = structured(streamed)["events"] as unknown[];
    expect(events.length).toBeGreaterThan(1);
    expect(progress).toHaveLength(events.length);
    expect(events.at(-1)).toMatchObject({ echo: "a streamed hello" });
  });

  it("speaks MCP to an MCP agent: tools/list, tools/call whoami, and the agent's JSON-RPC error as a result", async () => {
    const s = await start({ emulator: { createDelayMs: 0 } });
    await s.client.listTools();
    const id = String(structured(await s.call({ ...MINIMAL_REQUEST, protocolConfiguration: { serverProtocol: "MCP" } }))["agentRuntimeId"]);
    const listed = await tool(s, "invoke_agent_runtime", { agentRuntimeId: id, mcp: { method: "tools/list" } });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    expect(structured(listed)["response"]).toMatchObject({ tools: [{ name: "echo" }, { name: "whoami" }] });
    const session = String(structured(listed)["runtimeSessionId"]);
    expect(String(structured(listed)["mcpSessionId"])).toMatch(/^mcp-/);
    const whoami = await tool(s, "invoke_agent_runtime", {
      agentRuntimeId: id,
      runtimeSessionId: session,
      mcp: { method: "tools/call", params: { name: "whoami", arguments: {} } },
    });
    expect(structured(whoami)).toMatchObject({
      mcpSessionId: structured(listed)["mcpSessionId"],
      response: { structuredContent: { agentRuntimeVersion: "1", endpoint: "DEFAULT" } },
    });
    // One initialize for the session, not one per call.
    expect(s.emulator.requests.filter((request) => request.bodyText.includes('"initialize"'))).toHaveLength(1);
    const unknown = await tool(s, "invoke_agent_runtime", {
      agentRuntimeId: id,
      runtimeSessionId: session,
      mcp: { method: "prompts/list" },
    });
    expect(textOf(unknown)).toMatch(/^JsonRpcError: .*-32601/);
    const stopped = await tool(s, "stop_runtime_session", { agentRuntimeId: id, runtimeSessionId: session });
    expect(structured(stopped)).toMatchObject({ stopped: true, runtimeSessionId: session });
    const stoppedAgain = await tool(s, "stop_runtime_session", { agentRuntimeId: id, runtimeSessionId: session });
    expect(textOf(stoppedAgain)).toMatch(/^ResourceNotFoundException: /);
  });

  it("turns an agent's failure into a result whose next step reads the logs, which show the error", async () => {
    const s = await start({ emulator: { createDelayMs: 0 } });
    await s.client.listTools();
    const id = String(structured(await s.call({ ...MINIMAL_REQUEST }))["agentRuntimeId"]);
    const failed = await tool(s, "invoke_agent_runtime", { agentRuntimeId: id, runtimeSessionId: SESSION, payload: { fail: 500 } });
    expect(textOf(failed)).toMatch(/^RuntimeClientError: /);
    expect(textOf(failed)).toContain(
      `call get_agent_runtime_logs with agentRuntimeId "${id}", endpointName "DEFAULT" and runtimeSessionId "${SESSION}"`,
    );
    expect(structured(failed)).toMatchObject({
      runtimeSessionId: SESSION,
      qualifier: "DEFAULT",
      error: { code: "RuntimeClientError", httpStatus: 424 },
    });
    const logs = await tool(s, "get_agent_runtime_logs", { agentRuntimeId: id, filterPattern: "ERROR" });
    expect(structured(logs)["events"]).toEqual([expect.stringMatching(/^\S+Z ERROR invocation failed status=500/)]);
  });

  it("deletes one version, and refuses locally a version an endpoint serves (prod, or DEFAULT for the newest)", async () => {
    const s = await start({ emulator: { createDelayMs: 0 }, elicit: () => ({ action: "accept", content: { confirm: true } }) });
    await s.client.listTools();
    const id = String(structured(await s.call({ ...MINIMAL_REQUEST }))["agentRuntimeId"]);
    for (const tag of ["v2", "v3"]) {
      await tool(s, "update_agent_runtime", {
        agentRuntimeId: id,
        agentRuntimeArtifact: { containerConfiguration: { containerUri: NEW_IMAGE.replace(":v2", `:${tag}`) } },
      });
    }
    await tool(s, "create_agent_runtime_endpoint", { agentRuntimeId: id, name: "prod", agentRuntimeVersion: "1" });
    const deletes = () => s.emulator.requests.filter((request) => request.operation === "DeleteAgentRuntime").length;
    const servedByProd = await tool(s, "delete_agent_runtime", { agentRuntimeId: id, agentRuntimeVersion: "1" });
    expect(textOf(servedByProd)).toMatch(/^VersionServed: version 1 is served by endpoint prod/);
    expect(structured(servedByProd)).toMatchObject({ servedBy: "prod" });
    const newest = await tool(s, "delete_agent_runtime", { agentRuntimeId: id, agentRuntimeVersion: "3" });
    expect(textOf(newest)).toMatch(/^VersionServed: version 3 is the newest, which the DEFAULT endpoint serves/);
    expect(deletes()).toBe(0);
    const one = await tool(s, "delete_agent_runtime", { agentRuntimeId: id, agentRuntimeVersion: "2" });
    expect(one.isError, textOf(one)).toBeFalsy();
    expect(deletes()).toBe(1);
    const versions = await tool(s, "list_agent_runtime_versions", { agentRuntimeId: id });
    expect((structured(versions)["versions"] as { agentRuntimeVersion: string }[]).map((version) => version.agentRuntimeVersion)).toEqual([
      "3",
      "1",
    ]);
  });

  it("refuses a runtimeSessionId shorter than the data plane's model allows (33), in all three tools, with nothing sent", async () => {
    const s = await start();
    await s.client.listTools();
    const created = await s.call({ ...MINIMAL_REQUEST });
    const id = String(structured(created)["agentRuntimeId"]);
    s.emulator.clearRequests();
    const short = "s".repeat(32);
    for (const [name, args] of [
      ["invoke_agent_runtime", { agentRuntimeId: id, runtimeSessionId: short, payload: 1 }],
      ["stop_runtime_session", { agentRuntimeId: id, runtimeSessionId: short }],
      ["get_agent_runtime_logs", { agentRuntimeId: id, runtimeSessionId: short }],
    ] as const) {
      const refused = await tool(s, name, args);
      expect(refused.isError, name).toBe(true);
      expect(textOf(refused as never), name).toMatch(/runtimeSessionId.*at least 33 characters/);
    }
    expect(s.emulator.requests).toHaveLength(0);
  });
});
