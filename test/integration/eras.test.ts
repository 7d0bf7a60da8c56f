// The app served to a 2025-era client (SDK v1, over an in-memory session) and to a 2026-07-28
// client (SDK v2, through the SDK's HTTP handler in process): list, create, progress, cancel and
// confirmation, the same assertions for both; then the signed confirmation state under attack.
import { Client as ModernClient, ProtocolError, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { type ServerContext, createMcpHandler } from "@modelcontextprotocol/server";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { ConfirmationRequired, createConfirmations } from "../../src/confirmation.js";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { createSilentLogger } from "../../src/log.js";
import { ERAS, type Elicit, type Era, type EraClient, connectEra } from "../helpers/era-clients.js";
import { MINIMAL_REQUEST, configFrom, steppingEnvironment, textOf as firstText } from "../helpers/stack.js";
import { ALL_TOOL_NAMES } from "../helpers/tool-names.js";

interface EraStack {
  emulator: Emulator;
  app: App;
  client: EraClient;
}

let open: EraStack | undefined;
afterEach(async () => {
  await open?.client.close();
  await open?.app.close();
  await open?.emulator.close();
  open = undefined;
});

async function startApp(argv: string[] = []): Promise<{ emulator: Emulator; app: App }> {
  const env = steppingEnvironment();
  const emulator = await startEmulator({ port: 0, now: env.now, regions: "all" });
  const app = createApp({
    config: configFrom(["--endpoint-url", emulator.url, "--region", "us-east-1", "--skip-preflight", ...argv]),
    version: "0.0.0-test",
    log: createSilentLogger(),
    env,
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
  });
  return { emulator, app };
}

async function start(era: Era, options: { argv?: string[]; elicit?: Elicit } = {}): Promise<EraStack> {
  const { emulator, app } = await startApp(options.argv);
  const client = await connectEra(era, () => app.createServer(), options.elicit);
  open = { emulator, app, client };
  return open;
}

const textOf = (result: Awaited<ReturnType<EraClient["callTool"]>>): string => firstText(result as Parameters<typeof firstText>[0]);
const creates = (emulator: Emulator): number => emulator.requests.filter((request) => request.operation === "CreateAgentRuntime").length;

describe.each(ERAS)("a %s-era client", (era) => {
  it("lists every tool with truthful annotations and 2020-12 input schemas", async () => {
    const { client } = await start(era, { argv: ["--tools", "all"] });
    const tools = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(ALL_TOOL_NAMES);
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get("get_agent_runtime")?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });
    expect(byName.get("delete_agent_runtime")?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    for (const tool of tools) {
      expect(tool.title).toBeTruthy();
      expect(tool.inputSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(tool.outputSchema?.type).toBe("object");
    }
  });

  it("creates a runtime: structuredContent that passes the SDK's validation, and a text block", async () => {
    const { client, emulator } = await start(era);
    const result = await client.callTool("create_agent_runtime", { ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "CREATING", region: "us-east-1" });
    expect(textOf(result)).toContain("CREATING");
    expect(creates(emulator)).toBe(1);
  });

  it("reports progress while it waits for READY", async () => {
    const { client } = await start(era);
    const progress: number[] = [];
    const result = await client.callTool(
      "create_agent_runtime",
      { ...MINIMAL_REQUEST, waitForReadySeconds: 30 },
      { onprogress: (update) => progress.push(update.progress) },
    );
    expect(result.structuredContent).toMatchObject({ status: "READY" });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("stops a hanging call when the client cancels it, and keeps serving", async () => {
    const { client, emulator } = await start(era);
    emulator.setFaultRule((request) => (request.method === "PUT" ? { kind: "hang" } : undefined));
    const controller = new AbortController();
    const call = client.callTool("create_agent_runtime", { ...MINIMAL_REQUEST }, { signal: controller.signal });
    await expect.poll(() => creates(emulator)).toBe(1);
    controller.abort("the person pressed stop");
    await expect(call).rejects.toThrow();
    emulator.setFaultRule(() => undefined);
    const next = await client.callTool("get_agent_runtime", { agentRuntimeName: "no_such_runtime" });
    expect(next.isError).toBe(true);
  });

  it("asks the person under --confirm and creates only after they accept", async () => {
    const prompts: string[] = [];
    const { client, emulator } = await start(era, {
      argv: ["--confirm"],
      elicit: (message) => {
        prompts.push(message);
        return { action: "accept", content: { confirm: true } };
      },
    });
    const result = await client.callTool("create_agent_runtime", { ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain("my_agent");
    expect(creates(emulator)).toBe(1);
  });

  it("creates nothing under --confirm when the person declines", async () => {
    const { client, emulator } = await start(era, { argv: ["--confirm"], elicit: () => ({ action: "decline" }) });
    const result = await client.callTool("create_agent_runtime", { ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(/^NotApproved: /);
    expect(creates(emulator)).toBe(0);
  });

  it("says the client cannot show the prompt when it has no elicitation", async () => {
    const { client, emulator } = await start(era, { argv: ["--confirm"] });
    const result = await client.callTool("create_agent_runtime", { ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(/^ConfirmationUnavailable: /);
    expect(creates(emulator)).toBe(0);
  });
});

describe("the signed confirmation state (2026-07-28, the client holds it between rounds)", () => {
  const APPROVE = { confirm: { action: "accept", content: { confirm: true } } };

  async function manualClient(app: App): Promise<{ client: ModernClient; close(): Promise<void> }> {
    const handler = createMcpHandler(() => app.createServer());
    // No elicitation handler: the test plays the client's part of each round by hand.
    const client = new ModernClient(
      { name: "manual-mrtr", version: "0.0.0" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } }, capabilities: { elicitation: {} } },
    );
    await client.connect(
      new StreamableHTTPClientTransport(new URL("http://in-process.test/mcp"), {
        fetch: (url, init) => handler.fetch(new Request(url, init)),
      }),
    );
    return {
      client,
      close: async () => {
        await client.close();
        await handler.close();
      },
    };
  }

  async function firstRound(client: ModernClient, args: Record<string, unknown>): Promise<string> {
    const asked = (await client.callTool({ name: "create_agent_runtime", arguments: args }, { allowInputRequired: true })) as unknown as {
      resultType?: string;
      requestState?: string;
    };
    expect(asked.resultType).toBe("input_required");
    expect(typeof asked.requestState).toBe("string");
    return asked.requestState ?? "";
  }

  const retry = (client: ModernClient, args: Record<string, unknown>, requestState: string) =>
    client.callTool({ name: "create_agent_runtime", arguments: args, inputResponses: APPROVE, requestState } as never, {
      allowInputRequired: true,
    });

  it("approves the call it was issued for once; a replayed, tampered, forged or re-targeted state creates nothing", async () => {
    const { emulator, app } = await startApp(["--confirm"]);
    const manual = await manualClient(app);
    try {
      const args = { ...MINIMAL_REQUEST, clientToken: "confirm-token-0001-0123456789abcdef" };
      const state = await firstRound(manual.client, args);
      expect(creates(emulator)).toBe(0);

      const approved = await retry(manual.client, args, state);
      expect(approved.isError).toBeFalsy();
      expect(creates(emulator)).toBe(1);

      // The same approval again: a replay.
      await expect(retry(manual.client, args, state)).rejects.toThrow(/already used/);
      // One character of the signed body changed.
      const [version, body = "", mac] = state.split(".");
      const flipped = `${body.slice(0, 10)}${body[10] === "A" ? "B" : "A"}${body.slice(11)}`;
      await expect(retry(manual.client, args, [version, flipped, mac].join("."))).rejects.toThrow(ProtocolError);
      // A state signed with another key, approving these very arguments.
      const forged = await createConfirmations({ now: Date.now }).ask(
        "create_agent_runtime",
        args,
        new ConfirmationRequired("forged"),
        {} as ServerContext,
      );
      await expect(retry(manual.client, args, forged.requestState ?? "")).rejects.toThrow(/Invalid or expired requestState/);
      // A fresh, valid state for one call, presented with other arguments.
      const other = await firstRound(manual.client, { ...args, agentRuntimeName: "other_agent" });
      await expect(retry(manual.client, args, other)).rejects.toThrow(/other arguments/);
      // Responses without any state are no approval: the person is asked.
      const unsigned = await manual.client.callTool({ name: "create_agent_runtime", arguments: args, inputResponses: APPROVE } as never, {
        allowInputRequired: true,
      });
      expect((unsigned as unknown as { resultType?: string }).resultType).toBe("input_required");

      expect(creates(emulator)).toBe(1);
    } finally {
      await manual.close();
      await app.close();
      await emulator.close();
    }
  });
});
