import { afterEach, describe, expect, it } from "vitest";
import {
  BedrockAgentCoreClient,
  InvokeAgentRuntimeCommand,
  ResourceNotFoundException as DataResourceNotFound,
  RetryableConflictException,
  RuntimeClientError,
  StopRuntimeSessionCommand,
} from "@aws-sdk/client-bedrock-agentcore";
import {
  ConflictException,
  CreateAgentRuntimeCommand,
  CreateAgentRuntimeEndpointCommand,
  DeleteAgentRuntimeEndpointCommand,
  GetAgentRuntimeEndpointCommand,
  ListAgentRuntimeEndpointsCommand,
  UpdateAgentRuntimeCommand,
  UpdateAgentRuntimeEndpointCommand,
  ValidationException,
} from "@aws-sdk/client-bedrock-agentcore-control";
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  ResourceNotFoundException as LogsResourceNotFound,
} from "@aws-sdk/client-cloudwatch-logs";
import { SANDBOX_CREDENTIALS } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { MINIMAL_CREATE, closeAll, sdkClient, startTestEmulator } from "../helpers/emulator.js";
import type { ManualClock } from "../helpers/emulator.js";

afterEach(closeAll);

const DELAY = 1000;
const SESSION = "session-0000000000000000000000000000001";

type TestEmulator = Emulator & { clock: ManualClock };

function clientOptions(emulator: TestEmulator) {
  return {
    endpoint: emulator.url,
    region: "us-east-1",
    credentials: { ...SANDBOX_CREDENTIALS },
    maxAttempts: 1,
    systemClockOffset: emulator.clock.now() - Date.now(),
  };
}

function dataPlane(emulator: TestEmulator): BedrockAgentCoreClient {
  return new BedrockAgentCoreClient(clientOptions(emulator));
}

function logsClient(emulator: TestEmulator): CloudWatchLogsClient {
  return new CloudWatchLogsClient(clientOptions(emulator));
}

async function readyRuntime(emulator: TestEmulator, extra: Record<string, unknown> = {}): Promise<{ id: string; arn: string }> {
  const created = await sdkClient(emulator).send(new CreateAgentRuntimeCommand({ ...MINIMAL_CREATE, ...extra }));
  emulator.clock.advance(DELAY);
  return { id: created.agentRuntimeId ?? "", arn: created.agentRuntimeArn ?? "" };
}

async function invoke(
  emulator: TestEmulator,
  arn: string,
  payload: unknown,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const answer = await dataPlane(emulator).send(
    new InvokeAgentRuntimeCommand({
      agentRuntimeArn: arn,
      runtimeSessionId: SESSION,
      payload: new TextEncoder().encode(JSON.stringify(payload)),
      ...extra,
    }),
  );
  const text = (await answer.response?.transformToString()) ?? "";
  return { ...answer, body: text.length > 0 ? (JSON.parse(text) as unknown) : undefined };
}

describe("the data plane against the official @aws-sdk/client-bedrock-agentcore", () => {
  it("echoes the payload with the session, its count, the version and the endpoint, and ends sessions on StopRuntimeSession", async () => {
    const emulator = await startTestEmulator({ createDelayMs: DELAY });
    const { arn } = await readyRuntime(emulator);
    const first = await invoke(emulator, arn, { prompt: "hi" });
    expect(first).toMatchObject({
      statusCode: 200,
      contentType: "application/json",
      runtimeSessionId: SESSION,
      body: { echo: { prompt: "hi" }, runtimeSessionId: SESSION, invocationsInSession: 1, agentRuntimeVersion: "1", endpoint: "DEFAULT" },
    });
    expect(String(first["traceId"])).toMatch(/^Root=1-/);
    expect((await invoke(emulator, arn, "again"))["body"]).toMatchObject({ echo: "again", invocationsInSession: 2 });
    const stopped = await dataPlane(emulator).send(new StopRuntimeSessionCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION }));
    expect(stopped).toMatchObject({ runtimeSessionId: SESSION, statusCode: 200 });
    await expect(
      dataPlane(emulator).send(new StopRuntimeSessionCommand({ agentRuntimeArn: arn, runtimeSessionId: SESSION })),
    ).rejects.toBeInstanceOf(DataResourceNotFound);
    expect((await invoke(emulator, arn, 1))["body"]).toMatchObject({ invocationsInSession: 1 });
  });

  it("ends a session after the lifecycle's idle timeout on the emulator's clock", async () => {
    const emulator = await startTestEmulator({ createDelayMs: DELAY });
    const { arn } = await readyRuntime(emulator, { lifecycleConfiguration: { idleRuntimeSessionTimeout: 60 } });
    await invoke(emulator, arn, 1);
    emulator.clock.advance(59_000);
    expect((await invoke(emulator, arn, 2))["body"]).toMatchObject({ invocationsInSession: 2 });
    emulator.clock.advance(60_000);
    expect((await invoke(emulator, arn, 3))["body"]).toMatchObject({ invocationsInSession: 1 });
  });

  it("streams Server-Sent Events when asked, the whole answer last", async () => {
    const emulator = await startTestEmulator({ createDelayMs: DELAY, streamIntervalMs: 1 });
    const { arn } = await readyRuntime(emulator);
    const answer = await dataPlane(emulator).send(
      new InvokeAgentRuntimeCommand({
        agentRuntimeArn: arn,
        runtimeSessionId: SESSION,
        accept: "text/event-stream",
        payload: new TextEncoder().encode('"hello world"'),
      }),
    );
    expect(answer.contentType).toBe("text/event-stream");
    const events = ((await answer.response?.transformToString()) ?? "").split("\n\n").filter((event) => event.startsWith("data: "));
    expect(events.length).toBeGreaterThan(1);
    expect(JSON.parse(events.at(-1)?.slice(6) ?? "")).toMatchObject({ echo: "hello world", invocationsInSession: 1 });
  });

  it("refuses a runtime that is not READY yet with RetryableConflictException, an unknown runtime with ResourceNotFoundException", async () => {
    const emulator = await startTestEmulator({ createDelayMs: DELAY });
    const created = await sdkClient(emulator).send(new CreateAgentRuntimeCommand(MINIMAL_CREATE));
    await expect(invoke(emulator, created.agentRuntimeArn ?? "", 1)).rejects.toBeInstanceOf(RetryableConflictException);
    await expect(invoke(emulator, `${created.agentRuntimeArn ?? ""}x`, 1)).rejects.toBeInstanceOf(DataResourceNotFound);
    await expect(invoke(emulator, created.agentRuntimeArn ?? "", 1, { qualifier: "nope" })).rejects.toBeInstanceOf(DataResourceNotFound);
  });

  it("turns an agent's own failure into RuntimeClientError (424) and writes an ERROR line to the log group", async () => {
    const emulator = await startTestEmulator({ createDelayMs: DELAY });
    const { id, arn } = await readyRuntime(emulator);
    const error: unknown = await invoke(emulator, arn, { fail: 503 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RuntimeClientError);
    expect((error as RuntimeClientError).$metadata.httpStatusCode).toBe(424);
    const logs = await logsClient(emulator).send(
      new FilterLogEventsCommand({ logGroupName: `/aws/bedrock-agentcore/runtimes/${id}-DEFAULT`, filterPattern: "ERROR" }),
    );
    expect(logs.events?.map((event) => event.message)).toEqual([
      expect.stringMatching(/^ERROR invocation failed status=503 runtimeSessionId=session-/),
    ]);
  });

  it("serves an MCP runtime: initialize gives an Mcp-Session-Id, tools echo and whoami answer, unknown methods are JSON-RPC errors", async () => {
    const emulator = await startTestEmulator({ createDelayMs: DELAY });
    const { arn } = await readyRuntime(emulator, { protocolConfiguration: { serverProtocol: "MCP" } });
    const init = await invoke(emulator, arn, {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    });
    expect(init["body"]).toMatchObject({ result: { protocolVersion: "2025-06-18" } });
    const mcpSessionId = String(init["mcpSessionId"]);
    expect(mcpSessionId).toMatch(/^mcp-/);
    const whoami = await invoke(
      emulator,
      arn,
      { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "whoami", arguments: {} } },
      { mcpSessionId },
    );
    expect(whoami).toMatchObject({
      mcpSessionId,
      body: { result: { structuredContent: { agentRuntimeVersion: "1", endpoint: "DEFAULT" } } },
    });
    const unknown = await invoke(emulator, arn, { jsonrpc: "2.0", id: 3, method: "prompts/list" }, { mcpSessionId });
    expect(unknown["body"]).toMatchObject({ error: { code: -32601 } });
    await expect(invoke(emulator, arn, { jsonrpc: "2.0", id: 4, method: "tools/list" })).rejects.toBeInstanceOf(RuntimeClientError);
  });
});

describe("endpoints against the official control-plane client", () => {
  it("pins, promotes and rolls back an endpoint, while DEFAULT follows the newest version", async () => {
    const emulator = await startTestEmulator({ createDelayMs: DELAY });
    const control = sdkClient(emulator);
    const { id, arn } = await readyRuntime(emulator);
    const { agentRuntimeName: _name, ...configuration } = MINIMAL_CREATE;
    await control.send(new UpdateAgentRuntimeCommand({ agentRuntimeId: id, ...configuration }));
    emulator.clock.advance(DELAY);
    const created = await control.send(
      new CreateAgentRuntimeEndpointCommand({ agentRuntimeId: id, name: "prod", agentRuntimeVersion: "1" }),
    );
    expect(created).toMatchObject({
      status: "CREATING",
      targetVersion: "1",
      agentRuntimeEndpointArn: `${arn}/runtime-endpoint/prod`,
      endpointName: "prod",
    });
    await expect(invoke(emulator, arn, 1, { qualifier: "prod" })).rejects.toBeInstanceOf(RetryableConflictException);
    emulator.clock.advance(DELAY);
    expect(await control.send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: "prod" }))).toMatchObject({
      status: "READY",
      liveVersion: "1",
    });
    expect((await invoke(emulator, arn, 1, { qualifier: "prod" }))["body"]).toMatchObject({ agentRuntimeVersion: "1", endpoint: "prod" });
    expect((await invoke(emulator, arn, 1))["body"]).toMatchObject({ agentRuntimeVersion: "2", endpoint: "DEFAULT" });

    const promoted = await control.send(
      new UpdateAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: "prod", agentRuntimeVersion: "2" }),
    );
    expect(promoted).toMatchObject({ status: "UPDATING", liveVersion: "1", targetVersion: "2" });
    await expect(
      control.send(new UpdateAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: "prod", agentRuntimeVersion: "1" })),
    ).rejects.toBeInstanceOf(ConflictException);
    emulator.clock.advance(DELAY);
    expect(await control.send(new GetAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: "prod" }))).toMatchObject({
      status: "READY",
      liveVersion: "2",
    });

    const listed = await control.send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id, maxResults: 1 }));
    expect(listed.runtimeEndpoints?.map((endpoint) => endpoint.name)).toEqual(["DEFAULT"]);
    const rest = await control.send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id, nextToken: listed.nextToken }));
    expect(rest.runtimeEndpoints?.map((endpoint) => [endpoint.name, endpoint.liveVersion])).toEqual([["prod", "2"]]);

    await expect(
      control.send(new UpdateAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: "DEFAULT", agentRuntimeVersion: "1" })),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      control.send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: "DEFAULT" })),
    ).rejects.toBeInstanceOf(ConflictException);
    expect(await control.send(new DeleteAgentRuntimeEndpointCommand({ agentRuntimeId: id, endpointName: "prod" }))).toMatchObject({
      status: "DELETING",
      endpointName: "prod",
    });
    emulator.clock.advance(DELAY);
    const after = await control.send(new ListAgentRuntimeEndpointsCommand({ agentRuntimeId: id }));
    expect(after.runtimeEndpoints?.map((endpoint) => endpoint.name)).toEqual(["DEFAULT"]);
  });
});

describe("CloudWatch Logs against the official @aws-sdk/client-cloudwatch-logs", () => {
  it("returns each endpoint's invocation lines oldest first, filtered, paged, and refuses an unknown group", async () => {
    const emulator = await startTestEmulator({ createDelayMs: DELAY });
    const { id, arn } = await readyRuntime(emulator);
    for (const n of [1, 2, 3]) {
      await invoke(emulator, arn, n);
      emulator.clock.advance(1000);
    }
    const group = `/aws/bedrock-agentcore/runtimes/${id}-DEFAULT`;
    const page = await logsClient(emulator).send(
      new FilterLogEventsCommand({ logGroupName: group, filterPattern: "invocation", limit: 2 }),
    );
    expect(page.events?.map((event) => event.message)).toEqual([
      expect.stringContaining("invocation=1"),
      expect.stringContaining("invocation=2"),
    ]);
    expect(page.events?.[0]?.logStreamName).toBe(`2026/01/01/[runtime-logs]${SESSION}`);
    const next = await logsClient(emulator).send(
      new FilterLogEventsCommand({ logGroupName: group, filterPattern: "invocation", nextToken: page.nextToken }),
    );
    expect(next.events?.map((event) => event.message)).toEqual([expect.stringContaining("invocation=3")]);
    expect(next.nextToken).toBeUndefined();
    await expect(logsClient(emulator).send(new FilterLogEventsCommand({ logGroupName: "/aws/none" }))).rejects.toBeInstanceOf(
      LogsResourceNotFound,
    );
  });
});
