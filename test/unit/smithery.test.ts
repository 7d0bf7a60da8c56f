import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import createServer, { closeSmitheryApps, configSchema } from "../../src/smithery.js";
import { connectInMemory } from "../helpers/in-memory.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { DEFAULT_TOOL_NAMES } from "../helpers/tool-names.js";

afterEach(async () => {
  await closeSmitheryApps();
});

describe("Smithery entry point", () => {
  it("is what smithery.yaml and package.json point Smithery's TypeScript runtime at", () => {
    expect(readFileSync(new URL("../../smithery.yaml", import.meta.url), "utf8")).toMatch(/^runtime: "typescript"$/m);
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { module: string };
    expect(pkg.module).toBe("./src/smithery.ts");
  });

  it("exports a config schema with safe defaults: sandbox on, read-write, 50 s wait cap", () => {
    expect(configSchema.parse({})).toEqual({ sandbox: true, readOnly: false, maxWaitSeconds: 50, maxAttempts: 3 });
    expect(configSchema.safeParse({ region: "not a region" }).success).toBe(false);
    expect(configSchema.safeParse({ maxWaitSeconds: 601 }).success).toBe(false);
  });

  it("builds a server that lists the default tools and creates in the sandbox by default", async () => {
    const client = await connectInMemory(createServer({ config: configSchema.parse({}) }));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([...DEFAULT_TOOL_NAMES]);
    const result = await client.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST } });
    expect(result.structuredContent).toMatchObject({ sandbox: true, status: "CREATING", region: "us-east-1" });
    await client.close();
  });

  it("honours readOnly and region from the configuration", async () => {
    const client = await connectInMemory(createServer({ config: configSchema.parse({ readOnly: true, region: "eu-west-1" }) }));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["get_agent_runtime", "list_agent_runtimes", "list_agent_runtime_versions"]);
    await client.close();
  });

  it("targets the real regional endpoint outside the sandbox (checked with a dry run, nothing sent)", async () => {
    const client = await connectInMemory(
      createServer({
        config: configSchema.parse({
          sandbox: false,
          region: "eu-west-1",
          awsAccessKeyId: "AKIDEXAMPLEEXAMPLE",
          awsSecretAccessKey: "example-secret-key-0123456789",
        }),
      }),
    );
    const result = await client.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST, dryRun: true } });
    expect(result.structuredContent).toMatchObject({
      sandbox: false,
      region: "eu-west-1",
      dryRun: { url: "https://bedrock-agentcore-control.eu-west-1.amazonaws.com/runtimes/" },
    });
    expect(JSON.stringify(result)).not.toContain("example-secret-key");
    await client.close();
  });
});
