import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import seedRequest from "../fixtures/seed-full-request.json" with { type: "json" };
import newestRequest from "../fixtures/newest-model-request.json" with { type: "json" };
import { listedTools } from "../helpers/listed-tools.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { RpcSession as StdioSession } from "../helpers/harness.js";
import { BIN, emulatorEnv, testEnv } from "../helpers/stdio-session.js";
import { DEFAULT_TOOL_NAMES } from "../helpers/tool-names.js";
import { ERAS, type Elicit, type EraClient, connectStdioEra } from "../helpers/era-clients.js";

let emulator: Emulator;
let session: StdioSession | undefined;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterEach(async () => {
  await session?.kill();
  session = undefined;
  await emulator.close();
});

function startSession(extraEnv: Record<string, string> = {}, args: string[] = []): StdioSession {
  session = new StdioSession(
    args,
    emulatorEnv(emulator.url, {
      ...extraEnv,
    }),
  );
  return session;
}

type ToolResult = { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: Record<string, unknown> };

async function callTool(s: StdioSession, args: unknown): Promise<ToolResult> {
  const answer = await s.request("tools/call", { name: "create_agent_runtime", arguments: args });
  return answer.result as ToolResult;
}

function expectOnlyJsonRpcOnStdout(s: StdioSession): void {
  expect(s.stdoutLines.length).toBeGreaterThan(0);
  for (const line of s.stdoutLines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
}

describe("the built bin over stdio", () => {
  it("answers --version and --help, and exits 2 with one line on a bad flag", () => {
    const version = spawnSync(process.execPath, [BIN, "--version"], { encoding: "utf8" });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    expect(help.stdout).toContain("--sandbox");
    const bad = spawnSync(process.execPath, [BIN, "--no-such-flag"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stdout).toBe("");
  });

  it("lists the tool with input and output schemas and truthful annotations", async () => {
    const s = startSession();
    const init = await s.initialize();
    expect(init.result).toMatchObject({ serverInfo: { name: "agentcore-runtime-mcp" }, capabilities: { tools: {} } });
    const list = await s.request("tools/list");
    const tools = (list.result as { tools: Record<string, unknown>[] }).tools;
    expect(tools.map((tool) => tool.name)).toEqual([...DEFAULT_TOOL_NAMES]);
    expect(tools[0]).toMatchObject({
      inputSchema: { type: "object", required: ["agentRuntimeName", "agentRuntimeArtifact", "roleArn"] },
      outputSchema: { type: "object" },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    });
    expectOnlyJsonRpcOnStdout(s);
  });

  it("lists exactly what the unbundled build computes (the bundle's build-time schemas are current)", async () => {
    const s = startSession();
    await s.initialize();
    const list = await s.request("tools/list");
    expect((list.result as { tools: unknown[] }).tools).toEqual(JSON.parse(JSON.stringify(await listedTools())));
  });

  it("creates with the seed page's full request and with the newest members, signed and verified", async () => {
    const s = startSession();
    await s.initialize();
    const seed = await callTool(s, seedRequest);
    expect(seed.isError).toBeFalsy();
    expect(seed.structuredContent).toMatchObject({ status: "CREATING", clientToken: seedRequest.clientToken, sandbox: false });
    const newest = await callTool(s, newestRequest);
    expect(newest.structuredContent).toMatchObject({ status: "CREATING", agentRuntimeId: expect.stringMatching(/^newest_members-/) });
    expect(emulator.requests.filter((request) => request.method === "PUT").every((request) => request.signatureValid)).toBe(true);
    expectOnlyJsonRpcOnStdout(s);
  });

  it.each([
    ["ValidationException", 400],
    ["ServiceQuotaExceededException", 402],
    ["AccessDeniedException", 403],
    ["ConflictException", 409],
    ["ThrottlingException", 429],
    ["InternalServerException", 500],
  ])("turns %s (HTTP %i) into an isError result starting with its code", async (errorType, status) => {
    const s = startSession({ AWS_MAX_ATTEMPTS: "1" });
    await s.initialize();
    emulator.setFaultRule(() => ({ kind: "status", status, errorType, message: `injected ${errorType}` }));
    const result = await callTool(s, MINIMAL_REQUEST);
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(new RegExp(`^${errorType}: injected ${errorType}\\nHTTP ${status} · request id `));
    expectOnlyJsonRpcOnStdout(s);
  });

  it("rejects invalid arguments with 0 requests recorded", async () => {
    const s = startSession();
    await s.initialize();
    const result = await callTool(s, { agentRuntimeName: "x", roleArn: "not-an-arn" });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/^InvalidArguments: /);
    expect(emulator.requests).toHaveLength(0);
  });

  it("retries 429, 429, 202 into one success with one clientToken and three valid signatures", async () => {
    const s = startSession();
    await s.initialize();
    emulator.inject([
      { kind: "status", status: 429, errorType: "ThrottlingException" },
      { kind: "status", status: 429, errorType: "ThrottlingException" },
    ]);
    const result = await callTool(s, MINIMAL_REQUEST);
    expect(result.isError).toBeFalsy();
    const puts = emulator.requests.filter((request) => request.method === "PUT");
    expect(puts).toHaveLength(3);
    expect(new Set(puts.map((request) => JSON.parse(request.bodyText).clientToken)).size).toBe(1);
    expect(puts.every((request) => request.signatureValid)).toBe(true);
  });

  // Cancellation over stdio: test/reliability/stdio-lifecycle.test.ts proves through a TCP relay
  // that the request to AWS is aborted (an answer merely never coming would pass a weaker test).

  it("explains a missing region as a result, not a crash", async () => {
    const s = startSession({ AWS_REGION: "" });
    await s.initialize();
    const result = await callTool(s, MINIMAL_REQUEST);
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/^RegionMissing: /);
  });

  it("exits cleanly when stdin closes", async () => {
    const s = startSession();
    await s.initialize();
    s.endInput();
    expect(await s.exited).toMatchObject({ code: 0, signal: null });
  });

  it("runs in sandbox mode with no AWS configuration at all and says so in every result", async () => {
    session = new StdioSession(["--sandbox"], testEnv());
    await session.initialize();
    const result = await callTool(session, MINIMAL_REQUEST);
    expect(result.structuredContent).toMatchObject({ sandbox: true, status: "CREATING", region: "us-east-1" });
    expect(result.content[0]?.text).toContain("[SANDBOX]");
  });
});

describe.each(ERAS)("a %s-era client (the SDK's own stdio transport) against the built bin", (era) => {
  let client: EraClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });
  async function connect(args: string[] = [], elicit?: Elicit): Promise<EraClient> {
    client = await connectStdioEra(
      era,
      {
        command: process.execPath,
        args: [BIN, ...args],
        env: emulatorEnv(emulator.url),
      },
      elicit,
    );
    return client;
  }
  const creates = (): number => emulator.requests.filter((request) => request.operation === "CreateAgentRuntime").length;

  it("lists, creates, and reports progress until the runtime is READY", async () => {
    const c = await connect();
    expect((await c.listTools()).map((tool) => tool.name)).toEqual([...DEFAULT_TOOL_NAMES]);
    const progress: number[] = [];
    const result = await c.callTool(
      "create_agent_runtime",
      { ...MINIMAL_REQUEST, waitForReadySeconds: 20 },
      { onprogress: (update) => progress.push(update.progress) },
    );
    expect(result.structuredContent).toMatchObject({ status: "READY" });
    expect(progress.length).toBeGreaterThan(0);
  });

  it("stops a hanging call when the client cancels it, and keeps serving", async () => {
    const c = await connect();
    emulator.setFaultRule((request) => (request.method === "PUT" ? { kind: "hang" } : undefined));
    const controller = new AbortController();
    const call = c.callTool("create_agent_runtime", { ...MINIMAL_REQUEST }, { signal: controller.signal });
    await expect.poll(() => creates(), { timeout: 10_000 }).toBe(1);
    controller.abort("the person pressed stop");
    await expect(call).rejects.toThrow();
    expect((await c.listTools()).length).toBe(DEFAULT_TOOL_NAMES.length);
  });

  it("asks the person under --confirm and creates once they accept", async () => {
    const prompts: string[] = [];
    const c = await connect(["--confirm"], (message) => {
      prompts.push(message);
      return { action: "accept", content: { confirm: true } };
    });
    const result = await c.callTool("create_agent_runtime", { ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(prompts).toHaveLength(1);
    expect(creates()).toBe(1);
  });
});
