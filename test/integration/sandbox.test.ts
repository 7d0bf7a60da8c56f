import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createMcpHandler } from "@modelcontextprotocol/server";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { type App, createApp } from "../../src/app.js";
import { createSilentLogger } from "../../src/log.js";
import { createLegacyClient, createModernClient } from "../helpers/era-clients.js";
import { linkInMemory } from "../helpers/in-memory.js";
import { configFrom, textOf } from "../helpers/stack.js";

// The sandbox as a model meets it: nothing but the instructions and tools/list, made-up names, the
// usual mistakes. Every answer must lead to the next right call.

const MADE_UP = {
  agentRuntimeName: "weather_agent",
  agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/weather-agent:latest" } },
  roleArn: "arn:aws:iam::123456789012:role/AgentCoreRuntimeRole",
};
const checks = (result: CallToolResult) =>
  (result.structuredContent?.preflight as { checks: { id: string; status: string; fix?: string }[] } | undefined)?.checks ?? [];

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function sandboxClient(argv: string[] = []) {
  app = createApp({ config: configFrom(["--sandbox", ...argv]), version: "0.0.0-test", log: createSilentLogger() });
  const client = createLegacyClient();
  await linkInMemory(app.createServer(), client);
  return client;
}

const call = async (client: Awaited<ReturnType<typeof sandboxClient>>, name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;

describe("the sandbox account has what a model names", () => {
  it("creates with a made-up role and image, every pre-flight check passing", async () => {
    const client = await sandboxClient();
    const created = await call(client, "create_agent_runtime", MADE_UP);
    expect(created.isError).toBeFalsy();
    expect(textOf(created)).toMatch(/^\[SANDBOX\] Created AgentCore Runtime weather_agent-\w{10}/);
    expect(textOf(created)).toContain("only until this server process ends (the operator keeps the sandbox with --sandbox-state FILE)");
    expect(checks(created).map((check) => `${check.id}:${check.status}`)).toEqual([
      "role-exists:pass",
      "role-trust:pass",
      "role-pass:pass",
      "image-exists:pass",
      "image-architecture:pass",
    ]);
  });

  it("keeps the amd64 fixture failing image-architecture, with a fix that works in the sandbox", async () => {
    const client = await sandboxClient();
    const refused = await call(client, "create_agent_runtime", {
      ...MADE_UP,
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/amd64-agent:latest" } },
    });
    expect(textOf(refused)).toMatch(/^\[SANDBOX\] PreflightFailed: 1 pre-flight check failed \(image-architecture\)/);
    const fix = checks(refused).find((check) => check.id === "image-architecture")?.fix ?? "";
    expect(fix).toContain("In the sandbox");
    expect(fix).toContain("123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest");
    expect(fix).not.toContain("docker buildx");
  });

  it("keeps LambdaOnlyRole and NotPassableRole failing their checks", async () => {
    const client = await sandboxClient();
    const lambda = await call(client, "create_agent_runtime", { ...MADE_UP, roleArn: "arn:aws:iam::123456789012:role/LambdaOnlyRole" });
    expect(checks(lambda).find((check) => check.id === "role-trust")?.status).toBe("fail");
    const stuck = await call(client, "create_agent_runtime", { ...MADE_UP, roleArn: "arn:aws:iam::123456789012:role/NotPassableRole" });
    expect(checks(stuck).find((check) => check.id === "role-pass")).toMatchObject({
      status: "fail",
      fix: expect.stringContaining("AgentRuntimeRole"),
    });
  });

  it("places made-up subnets in supported zones of the main VPC, and keeps the unsupported-zone and other-VPC fixtures failing", async () => {
    const client = await sandboxClient();
    const vpc = (subnets: string[], securityGroups = ["sg-0aaaaaaaaaaaaaaaa"]) => ({
      ...MADE_UP,
      networkConfiguration: { networkMode: "VPC", networkModeConfig: { subnets, securityGroups } },
    });
    const good = await call(client, "create_agent_runtime", {
      ...vpc(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"]),
      dryRun: true,
    });
    expect(
      checks(good)
        .filter((check) => check.id.startsWith("vpc-"))
        .map((check) => check.status),
    ).toEqual(["pass", "pass", "pass"]);
    const zone = await call(client, "create_agent_runtime", { ...vpc(["subnet-0a1b2c3d4e5f60708"]), dryRun: true });
    expect(checks(zone).find((check) => check.id === "vpc-zones")?.status).toBe("fail");
    const twoVpcs = await call(client, "create_agent_runtime", {
      ...vpc(["subnet-0aaaabbbbccccdddd", "subnet-0aaaaaaaaaaaaaaa1"]),
      dryRun: true,
    });
    expect(checks(twoVpcs).find((check) => check.id === "vpc-subnets")?.status).toBe("fail");
  });

  it("marks a refusal made before any call (InvalidArguments) as sandbox", async () => {
    const client = await sandboxClient();
    const refused = await call(client, "create_agent_runtime", { ...MADE_UP, agentRuntimeName: "weather-agent" });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^\[SANDBOX\] InvalidArguments: agentRuntimeName/);
    expect(refused.structuredContent).toMatchObject({ sandbox: true, error: { code: "InvalidArguments" } });
  });
});

describe("the README's first call", () => {
  it("creates a READY runtime with the answer the README promises", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const block = /<!-- try-it-call -->\n```json\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? "";
    const client = await sandboxClient();
    const created = await call(client, "create_agent_runtime", JSON.parse(block) as Record<string, unknown>);
    expect(textOf(created)).toMatch(
      /^\[SANDBOX\] Created AgentCore Runtime weather_agent-\w{10} \(version 1\) in us-east-1: status READY\./,
    );
    expect(checks(created).every((check) => check.status === "pass")).toBe(true);
    expect(created.structuredContent?.sandbox).toBe(true);
  }, 20_000);
});

describe("the server says what it is", () => {
  it("sandbox: instructions name the mode, region, tools, state lifetime and the fixtures; descriptions say sandbox", async () => {
    const client = await sandboxClient();
    const instructions = client.getInstructions() ?? "";
    expect(instructions).toContain("SANDBOX MODE");
    expect(instructions).toContain("Default region: us-east-1");
    expect(instructions).toContain("Tools: create_agent_runtime, get_agent_runtime, list_agent_runtimes, list_agent_runtime_versions");
    expect(instructions).toContain("lasts only as long as this server process");
    for (const name of [
      "LambdaOnlyRole",
      "NotPassableRole",
      "amd64-agent",
      "too-large.zip",
      "subnet-0a1b2c3d4e5f60708",
      "sg-0fedcba9876543210",
    ]) {
      expect(instructions).toContain(name);
    }
    expect(instructions).not.toMatch(/update_agent_runtime|delete_agent_runtime/);
    const { tools } = await client.listTools();
    for (const tool of tools) expect(tool.description).toMatch(/^SANDBOX /);
    expect(tools.find((tool) => tool.name === "create_agent_runtime")?.description).not.toContain("billable");
  });

  it("AWS mode: instructions say AWS, billable, the region and its origin; a 2026 client reads them from discovery", async () => {
    app = createApp({
      config: configFrom(["--region", "eu-west-1"]),
      version: "0.0.0-test",
      log: createSilentLogger(),
      describedRegion: "eu-west-1 (from --region)",
    });
    const built = app;
    const handler = createMcpHandler(() => built.createServer());
    const client = createModernClient();
    await client.connect(
      new StreamableHTTPClientTransport(new URL("http://in-process.test/mcp"), {
        fetch: (url, init) => handler.fetch(new Request(url, init)),
      }),
    );
    const instructions = client.getInstructions() ?? "";
    expect(instructions).toContain("AWS MODE");
    expect(instructions).toContain("billable");
    expect(instructions).toContain("Default region: eu-west-1 (from --region)");
    expect(instructions).not.toContain("SANDBOX");
    await client.close();
    await handler.close();
  });
});

describe("texts name only the tools this server lists", () => {
  const unlisted = (listed: readonly string[]) =>
    [
      "create_agent_runtime",
      "get_agent_runtime",
      "list_agent_runtimes",
      "list_agent_runtime_versions",
      "update_agent_runtime",
      "delete_agent_runtime",
    ].filter((name) => !listed.includes(name));

  it.each([[["--read-only"]], [[]], [["--tools", "create"]], [["--tools", "read,update"]]])(
    "with %j: tools/list, instructions and results",
    async (argv) => {
      const client = await sandboxClient(argv);
      const { tools } = await client.listTools();
      const hidden = unlisted(tools.map((tool) => tool.name));
      const texts = [JSON.stringify(tools), client.getInstructions() ?? ""];
      for (const tool of tools) {
        const result = await call(
          client,
          tool.name,
          tool.name.startsWith("list_agent_runtimes") ? {} : { agentRuntimeId: "no_such-AbCdE12345" },
        );
        texts.push(JSON.stringify(result));
      }
      for (const text of texts) for (const name of hidden) expect(text).not.toMatch(new RegExp(`(?<![\\w"])${name}(?![\\w"])`));
    },
  );
});
