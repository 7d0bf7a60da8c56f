import { describe, expect, it } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import seedRequest from "../fixtures/seed-full-request.json" with { type: "json" };
import { createApp } from "../../src/app.js";
import { createSilentLogger } from "../../src/log.js";
import { connectInMemory } from "../helpers/in-memory.js";
import { MINIMAL_REQUEST, type Stack, configFrom, steppingEnvironment, textOf, useStack } from "../helpers/stack.js";
import { listedTools } from "../helpers/listed-tools.js";

const start = useStack();
const gets = (s: Stack) => s.emulator.requests.filter((request) => request.method === "GET");
const puts = (s: Stack) => s.emulator.requests.filter((request) => request.method === "PUT");

describe("waiting for READY", () => {
  it("polls until READY with backoff and sends monotonically increasing progress", async () => {
    const env = steppingEnvironment();
    const s = await start({ env, emulator: { createDelayMs: 6000 } });
    const progress: { progress: number; message?: string }[] = [];
    const result = await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 30 }, { onprogress: (update) => progress.push(update) });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "READY", waited: { timedOut: false } });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (let index = 1; index < progress.length; index += 1) {
      expect(progress[index]?.progress).toBeGreaterThan(progress[index - 1]?.progress ?? Number.POSITIVE_INFINITY);
    }
    expect(progress.at(-1)?.message).toMatch(/READY/);
    // Backoff 1 s growing by half up to 5 s.
    expect(env.sleeps).toEqual([1000, 1500, 2250, 3375].slice(0, env.sleeps.length));
    expect(gets(s).every((request) => request.signatureValid)).toBe(true);
  });

  it("reports CREATE_FAILED as an error with the service's failure reason and a remedy", async () => {
    const s = await start({ emulator: { createDelayMs: 2000 } });
    const result = await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: "fail_on_purpose", waitForReadySeconds: 20 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^CREATE_FAILED: runtime fail_on_purpose-\w{10} ended in CREATE_FAILED: .+/);
    expect(textOf(result)).toMatch(/Next step: .*role/);
  });

  it("returns CREATING with a next step when the wait runs out", async () => {
    const s = await start({ emulator: { createDelayMs: 120_000 } });
    const result = await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 5 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "CREATING", waited: { timedOut: true } });
    expect(String(result.structuredContent?.nextStep)).toMatch(/get_agent_runtime with agentRuntimeId my_agent-\w{10}/);
  });

  it("retries a throttled poll and keeps the runtime's identifiers", async () => {
    const s = await start({ emulator: { createDelayMs: 1000 } });
    s.emulator.inject({ kind: "status", status: 429, errorType: "ThrottlingException", operation: "GetAgentRuntime" });
    const result = await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 20 });
    expect(result.structuredContent).toMatchObject({ status: "READY", agentRuntimeId: expect.stringMatching(/^my_agent-/) });
    expect(gets(s).length).toBeGreaterThanOrEqual(2);
  });

  it("keeps the created runtime's identifiers when status reads fail", async () => {
    const s = await start({ emulator: { createDelayMs: 60_000 } });
    s.emulator.setFaultRule((context) =>
      context.operation === "GetAgentRuntime" ? { kind: "status", status: 403, errorType: "AccessDeniedException" } : undefined,
    );
    const result = await s.call({ ...MINIMAL_REQUEST, waitForReadySeconds: 10 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ status: "CREATING", agentRuntimeArn: expect.stringContaining(":runtime/my_agent-") });
    expect(String(result.structuredContent?.nextStep)).toContain("AccessDeniedException");
  });

  it("stops polling at once when the request is cancelled", async () => {
    const s = await start({ emulator: { createDelayMs: 600_000 } });
    const controller = new AbortController();
    const pending = s.call(
      { ...MINIMAL_REQUEST, waitForReadySeconds: 50 },
      { signal: controller.signal, onprogress: () => controller.abort() },
    );
    await expect(pending).rejects.toThrow();
    await expect.poll(() => s.logs.some((line) => line.includes("wait ended") && line.includes('outcome="cancelled"'))).toBe(true);
    const polls = gets(s).length;
    expect(polls).toBeLessThanOrEqual(2);
  });
});

describe("dry run", () => {
  it("sends nothing, needs no credentials, and redacts description and environment values", async () => {
    const s = await start({ credentials: false });
    const result = await s.call({ ...seedRequest, dryRun: true });
    expect(result.isError).toBeFalsy();
    expect(s.emulator.requests).toHaveLength(0);
    expect(textOf(result)).toMatch(/^DRY RUN: nothing was sent/);
    const dryRun = result.structuredContent?.dryRun as { method: string; url: string; body: Record<string, unknown> };
    expect(dryRun.method).toBe("PUT");
    expect(dryRun.url).toBe(`${s.emulator.url}/runtimes/`);
    expect(dryRun.body.description).toBe("[redacted]");
    expect(dryRun.body.environmentVariables).toEqual({ LOG_LEVEL: "[redacted]", API_BASE: "[redacted]" });
    expect(dryRun.body.tags).toEqual(seedRequest.tags);
    const everything = JSON.stringify(result);
    expect(everything).not.toContain(seedRequest.description);
    expect(everything).not.toContain("https://api.example.com");
    expect(dryRun.body).not.toHaveProperty("dryRun");
  });

  it("never shows the password of an --endpoint-url", async () => {
    const s = await start({ credentials: false });
    const withPassword = s.emulator.url.replace("http://", "http://ops:endpoint-pass@");
    const app = createApp({
      config: configFrom(["--endpoint-url", withPassword, "--region", "us-east-1", "--skip-preflight"]),
      version: "0.0.0-test",
      log: createSilentLogger(),
    });
    const client = await connectInMemory(app.createServer());
    try {
      const result = await client.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST, dryRun: true } });
      expect((result.structuredContent as { dryRun?: { url?: string } }).dryRun?.url).toBe(
        `${withPassword.replace("endpoint-pass", "***")}/runtimes/`,
      );
      expect(JSON.stringify(result)).not.toContain("endpoint-pass");
    } finally {
      await client.close();
      await app.close();
    }
  });
});

describe("confirmation through elicitation", () => {
  it("creates after the person accepts, showing them a one-paragraph summary", async () => {
    const messages: string[] = [];
    const s = await start({
      argv: ["--confirm"],
      elicit: (message) => {
        messages.push(message);
        return { action: "accept", content: { confirm: true } };
      },
    });
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(messages[0]).toMatch(/my_agent.*us-east-1.*account 123456789012.*container image .*AgentRuntimeRole.*PUBLIC/s);
  });

  it.each([
    ["decline", undefined],
    ["cancel", undefined],
    ["accept", { confirm: false }],
  ] as const)("does not create when the person answers %s %j", async (action, content) => {
    const s = await start({ argv: ["--confirm"], elicit: () => ({ action, ...(content ? { content } : {}) }) });
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^NotApproved: nothing was created: the person (declined|cancelled) the creation/);
    expect(puts(s)).toHaveLength(0);
  });

  it("tells the operator how to turn confirmation off when the client cannot elicit", async () => {
    const s = await start({ argv: ["--confirm"] });
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(/^ConfirmationUnavailable: /);
    expect(textOf(result)).toContain("--confirm");
    expect(puts(s)).toHaveLength(0);
  });
});

describe("read-only mode", () => {
  it("offers get_agent_runtime but not create_agent_runtime; a create call says how the operator offers creation", async () => {
    expect((await listedTools(["--read-only"])).map((tool) => tool.name)).toEqual([
      "get_agent_runtime",
      "list_agent_runtimes",
      "list_agent_runtime_versions",
      "get_agent_runtime_logs",
    ]);
    const s = await start({ argv: ["--read-only"] });
    const result = (await s.client.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST } })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "NotOffered: create_agent_runtime is not offered: this server is read-only (--read-only). To offer it, the operator restarts it without --read-only; nothing was sent.",
    );
    expect(s.emulator.requests).toHaveLength(0);
  });

  it("an empty list names no create tool, only how the operator offers one", async () => {
    const s = await start({ argv: ["--read-only"] });
    const listed = (await s.client.callTool({ name: "list_agent_runtimes", arguments: {} })) as CallToolResult;
    expect(textOf(listed)).not.toContain("create_agent_runtime");
    expect(String(listed.structuredContent?.nextStep)).not.toContain("create_agent_runtime");
    expect(textOf(listed)).toContain("the create tool, which this server does not offer (the operator restarts it without --read-only)");
  });

  it("a tool no catalog has is still a protocol error", async () => {
    const s = await start({ argv: ["--read-only"] });
    const result = await s.client.callTool({ name: "make_coffee", arguments: {} }).catch((error: Error) => error);
    expect(String(result instanceof Error ? result.message : JSON.stringify(result))).toMatch(/unknown tool/);
  });
});

describe("per-call region", () => {
  it("creates in the region given for that call only, signed for it", async () => {
    const s = await start();
    const result = await s.call({ ...MINIMAL_REQUEST, region: "eu-west-1" });
    expect(result.structuredContent?.region).toBe("eu-west-1");
    expect(String(puts(s)[0]?.headers.authorization)).toContain("/eu-west-1/bedrock-agentcore/aws4_request");
    const next = await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: "other" });
    expect(next.structuredContent?.region).toBe("us-east-1");
  });

  it("refuses a region that is not a host label, sending nothing", async () => {
    const s = await start();
    const result = await s.call({ ...MINIMAL_REQUEST, region: "evil.example.com/x" });
    expect(textOf(result)).toMatch(/^InvalidArguments: region must be an AWS region name/);
    expect(s.emulator.requests).toHaveLength(0);
  });
});

describe("get_agent_runtime", () => {
  it("reads a runtime by id and by ARN, with its whole configuration and no environment values", async () => {
    const s = await start();
    const created = await s.call(seedRequest);
    const id = String(created.structuredContent?.agentRuntimeId);
    const byId = await s.get({ agentRuntimeId: id });
    expect(byId.structuredContent).toMatchObject({
      agentRuntimeId: id,
      agentRuntimeName: "seed_full_example",
      status: "CREATING",
      configuration: {
        networkConfiguration: { networkMode: "VPC" },
        protocolConfiguration: { serverProtocol: "MCP" },
        environmentVariables: { LOG_LEVEL: "[redacted]", API_BASE: "[redacted]" },
      },
    });
    expect(JSON.stringify(byId)).not.toContain("https://api.example.com");
    const byArn = await s.get({ agentRuntimeId: String(created.structuredContent?.agentRuntimeArn) });
    expect(byArn.structuredContent?.agentRuntimeId).toBe(id);
  });

  it("answers an unknown id with ResourceNotFoundException and a remedy", async () => {
    const s = await start();
    const result = await s.get({ agentRuntimeId: "missing_agent-AbCdE12345" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^ResourceNotFoundException: /);
    expect(textOf(result)).toContain("HTTP 404");
    expect(textOf(result)).toMatch(
      /Next step: No runtime with agentRuntimeId "missing_agent-AbCdE12345" exists in us-east-1 .*call list_agent_runtimes/,
    );
  });

  it("says the version, not the runtime, is missing when a version does not exist", async () => {
    const s = await start();
    const id = String((await s.call({ ...MINIMAL_REQUEST })).structuredContent?.agentRuntimeId);
    const result = await s.get({ agentRuntimeId: id, agentRuntimeVersion: "7" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`Next step: Runtime agentRuntimeId "${id}" has no version 7 .*list_agent_runtime_versions`));
    expect(result.structuredContent).toMatchObject({
      agentRuntimeId: id,
      region: "us-east-1",
      error: { code: "ResourceNotFoundException" },
    });
  });
});
