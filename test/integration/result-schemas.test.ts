// Every result of every tool, on every path (success, dry run, waits, service and local failures,
// confirmation declined or cancelled), checked against the tool's advertised outputSchema by the
// official clients of both eras after tools/list (the only time they check) and once more here by
// the SDK's own validator, isError results included.
import type { Tool } from "@modelcontextprotocol/server";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/server/validators/ajv";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { createSilentLogger } from "../../src/log.js";
import { ERAS, type Era, type EraClient, connectEra } from "../helpers/era-clients.js";
import { MINIMAL_REQUEST, configFrom, steppingEnvironment } from "../helpers/stack.js";

interface Opened {
  emulator: Emulator;
  app: App;
  client: EraClient;
}

let open: Opened | undefined;
afterEach(async () => {
  await open?.client.close();
  await open?.app.close();
  await open?.emulator.close();
  open = undefined;
});

type Answer = "accept" | "decline" | "cancel";

async function start(era: Era, argv: string[], answers: { next: Answer }): Promise<Opened & { tools: Tool[] }> {
  const env = steppingEnvironment();
  const emulator = await startEmulator({ port: 0, now: env.now, regions: "all" });
  const app = createApp({
    config: configFrom(["--endpoint-url", emulator.url, "--region", "us-east-1", "--skip-preflight", "--tools", "all", ...argv]),
    version: "0.0.0-test",
    log: createSilentLogger(),
    env,
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
    servicesEndpointUrl: emulator.url,
  });
  const client = await connectEra(
    era,
    () => app.createServer(),
    () => (answers.next === "accept" ? { action: "accept", content: { confirm: true } } : { action: answers.next }),
  );
  open = { emulator, app, client };
  // What every real client does first; from here on the client checks each result itself.
  const tools = await client.listTools();
  return { ...open, tools };
}

/** Calls a tool and checks its structured result against the listed schema, whatever the client checked. */
function checker(client: EraClient, tools: readonly Tool[]) {
  const validator = new AjvJsonSchemaValidator();
  const seen: string[] = [];
  const call = async (name: string, args: Record<string, unknown>) => {
    const schema = tools.find((tool) => tool.name === name)?.outputSchema;
    if (schema === undefined) throw new Error(`${name} has no outputSchema`);
    const result = await client.callTool(name, args);
    expect(result.structuredContent, `${name} ${JSON.stringify(args)}`).toBeDefined();
    const verdict = validator.getValidator(schema)(result.structuredContent);
    expect(verdict.errorMessage, `${name} ${JSON.stringify(args)}: ${JSON.stringify(result.structuredContent)}`).toBeUndefined();
    expect(verdict.valid).toBe(true);
    seen.push(
      `${name}:${result.isError === true ? String((result.structuredContent as { error?: { code?: string } }).error?.code) : "ok"}`,
    );
    return result;
  };
  return { call, seen };
}

const idOf = (result: { structuredContent?: unknown }): string =>
  String((result.structuredContent as Record<string, unknown> | undefined)?.["agentRuntimeId"]);

describe.each(ERAS)("every result a %s-era client receives", (era) => {
  it("matches the tool's outputSchema on every path of every tool", async () => {
    const answers: { next: Answer } = { next: "accept" };
    const { client, tools, emulator } = await start(era, [], answers);
    const { call, seen } = checker(client, tools);

    // create: dry run, invalid arguments, success, waited READY, waited CREATE_FAILED, name taken, service fault.
    await call("create_agent_runtime", { ...MINIMAL_REQUEST, dryRun: true });
    await call("create_agent_runtime", { ...MINIMAL_REQUEST, agentRuntimeName: "bad name!" });
    const created = await call("create_agent_runtime", { ...MINIMAL_REQUEST, waitForReadySeconds: 30 });
    const id = idOf(created);
    await call("create_agent_runtime", { ...MINIMAL_REQUEST, agentRuntimeName: "fail_agent", waitForReadySeconds: 30 });
    await call("create_agent_runtime", { ...MINIMAL_REQUEST });
    await call("create_agent_runtime", {
      ...MINIMAL_REQUEST,
      agentRuntimeName: "other_agent",
      clientToken: "token-used-once-0123456789abcdef0123",
    });
    const reused = await call("create_agent_runtime", {
      ...MINIMAL_REQUEST,
      agentRuntimeName: "other_agent",
      clientToken: "token-used-once-0123456789abcdef0123",
      description: "other",
    });
    expect(reused.structuredContent).toMatchObject({
      error: { code: "ValidationException", reason: "IdempotentParameterMismatchException" },
    });
    expect((reused.structuredContent as { nextStep?: string }).nextStep).toMatch(/used before with other arguments.*without clientToken/);
    emulator.inject({ kind: "status", status: 500, operation: "CreateAgentRuntime" });
    emulator.inject({ kind: "status", status: 500, operation: "CreateAgentRuntime" });
    emulator.inject({ kind: "status", status: 500, operation: "CreateAgentRuntime" });
    emulator.inject({ kind: "status", status: 500, operation: "CreateAgentRuntime" });
    await call("create_agent_runtime", { ...MINIMAL_REQUEST, agentRuntimeName: "faulty_agent" });
    emulator.clearFaults();

    // get and both lists: found, not found, invalid.
    await call("get_agent_runtime", { agentRuntimeId: id });
    await call("get_agent_runtime", { agentRuntimeId: "missing_agent-abcdefghij" });
    await call("get_agent_runtime", { agentRuntimeId: id, agentRuntimeVersion: "99" });
    await call("list_agent_runtimes", {});
    await call("list_agent_runtimes", { maxResults: 1 });
    await call("list_agent_runtimes", { maxResults: 0 });
    await call("list_agent_runtime_versions", { agentRuntimeId: id });
    await call("list_agent_runtime_versions", { agentRuntimeId: "missing_agent-abcdefghij" });

    // update: members the runtime never had (dry run and applied), nothing to change, waited READY and UPDATE_FAILED, invalid, busy.
    const added = {
      description: "first description",
      environmentVariables: { MODE: "test" },
      metadataConfiguration: { requireMMDSV2: true },
    };
    await call("update_agent_runtime", { agentRuntimeId: id, ...added, dryRun: true });
    await call("update_agent_runtime", { agentRuntimeId: id, ...added, waitForReadySeconds: 30 });
    await call("update_agent_runtime", { agentRuntimeId: id, description: "first description" });
    await call("update_agent_runtime", { agentRuntimeId: id });
    await call("update_agent_runtime", { agentRuntimeId: id, networkConfiguration: { networkMode: "VPC" } });
    await call("update_agent_runtime", {
      agentRuntimeId: id,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:fail-v2" } },
      waitForReadySeconds: 30,
    });
    await call("update_agent_runtime", { agentRuntimeId: id, description: "while busy" });
    await call("update_agent_runtime", { agentRuntimeId: id, description: "second description", waitForReadySeconds: 30 });
    await call("update_agent_runtime", { agentRuntimeId: id, description: "busy again" });
    await call("update_agent_runtime", { agentRuntimeId: id, description: "too soon" });

    // invoke, sessions, endpoints and logs: plain, streamed, agent failure, local refusals, AWS errors.
    const session = "result-schemas-session-00000000000000001";
    await call("invoke_agent_runtime", { agentRuntimeId: id, runtimeSessionId: session, payload: { q: 1 } });
    await call("invoke_agent_runtime", { agentRuntimeId: id, payload: "streamed", stream: true });
    await call("invoke_agent_runtime", { agentRuntimeId: id, payload: { fail: 500 } });
    await call("invoke_agent_runtime", { agentRuntimeId: id });
    await call("invoke_agent_runtime", { agentRuntimeId: id, qualifier: "nobody", payload: 1 });
    await call("stop_runtime_session", { agentRuntimeId: id, runtimeSessionId: session });
    await call("stop_runtime_session", { agentRuntimeId: id, runtimeSessionId: session });
    await call("create_agent_runtime_endpoint", { agentRuntimeId: id, name: "prod", agentRuntimeVersion: "1", waitForReadySeconds: 30 });
    await call("create_agent_runtime_endpoint", { agentRuntimeId: id, name: "prod" });
    await call("get_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "prod" });
    await call("get_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "nobody" });
    await call("list_agent_runtime_endpoints", { agentRuntimeId: id, maxResults: 1 });
    await call("list_agent_runtime_endpoints", { agentRuntimeId: "missing_agent-abcdefghij" });
    await call("update_agent_runtime_endpoint", {
      agentRuntimeId: id,
      endpointName: "prod",
      agentRuntimeVersion: "2",
      waitForReadySeconds: 30,
    });
    await call("update_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "DEFAULT", agentRuntimeVersion: "1" });
    await call("get_agent_runtime_logs", { agentRuntimeId: id, filterPattern: "ERROR" });
    await call("get_agent_runtime_logs", { agentRuntimeId: id, endpointName: "nobody" });
    await call("delete_agent_runtime", { agentRuntimeId: id, agentRuntimeVersion: "2" });
    await call("delete_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "DEFAULT" });
    await call("delete_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "prod" });
    await call("delete_agent_runtime", { agentRuntimeId: id, agentRuntimeVersion: "1" });

    // delete: dry run, declined, cancelled, not found, accepted with a wait.
    await call("delete_agent_runtime", { agentRuntimeId: id, dryRun: true });
    answers.next = "decline";
    await call("delete_agent_runtime", { agentRuntimeId: id });
    answers.next = "cancel";
    await call("delete_agent_runtime", { agentRuntimeId: id });
    answers.next = "accept";
    await call("delete_agent_runtime", { agentRuntimeId: "missing_agent-abcdefghij" });
    expect(
      (await call("delete_agent_runtime", { agentRuntimeId: "other_agent", waitForDeletedSeconds: 30 })).structuredContent,
    ).toMatchObject({ deleted: true });
    await call("delete_agent_runtime", { agentRuntimeId: id });

    // Every tool was driven to at least one success and one failure.
    for (const tool of tools) {
      expect(
        seen.some((entry) => entry === `${tool.name}:ok`),
        `${tool.name} succeeded`,
      ).toBe(true);
      expect(
        seen.some((entry) => entry.startsWith(`${tool.name}:`) && !entry.endsWith(":ok")),
        `${tool.name} failed`,
      ).toBe(true);
    }
  });

  it("matches it under --confirm when the person declines, cancels or the client cannot ask", async () => {
    const answers: { next: Answer } = { next: "decline" };
    const { client, tools } = await start(era, ["--confirm"], answers);
    const { call } = checker(client, tools);
    const declined = await call("create_agent_runtime", { ...MINIMAL_REQUEST });
    expect(declined.isError).toBe(true);
    answers.next = "cancel";
    expect((await call("create_agent_runtime", { ...MINIMAL_REQUEST })).isError).toBe(true);
    answers.next = "accept";
    const created = await call("create_agent_runtime", { ...MINIMAL_REQUEST, waitForReadySeconds: 30 });
    answers.next = "decline";
    expect((await call("update_agent_runtime", { agentRuntimeId: idOf(created), description: "never applied" })).isError).toBe(true);
  });
});
