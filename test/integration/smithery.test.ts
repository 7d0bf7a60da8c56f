import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import createServer, { closeSmitheryApps, configSchema, createSmitheryServerFactory, parseAllowedProfiles } from "../../src/smithery.js";
import { connectInMemory } from "../helpers/in-memory.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { DEFAULT_TOOL_NAMES } from "../helpers/tool-names.js";

afterEach(async () => {
  await closeSmitheryApps();
});

describe("Smithery entry point", () => {
  it("is what smithery.yaml and package.json point Smithery's TypeScript runtime at, and what the package exports built", () => {
    expect(readFileSync(new URL("../../smithery.yaml", import.meta.url), "utf8")).toMatch(/^runtime: "typescript"$/m);
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      module: string;
      exports: Record<string, { types: string; default: string }>;
      files: string[];
    };
    // The Smithery CLI builds from a clone and finds its entry through "module".
    expect(pkg.module).toBe("./src/smithery.ts");
    // Node and bundlers take "exports", which names the shipped bundle and its types.
    expect(pkg.exports["."]).toEqual({ types: "./dist/smithery.d.ts", default: "./dist/smithery.mjs" });
    for (const file of Object.values(pkg.exports["."] ?? {})) expect(pkg.files).toContain(file.replace(/^\.\//, ""));
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
    expect(tools.map((tool) => tool.name)).toEqual([
      "get_agent_runtime",
      "list_agent_runtimes",
      "list_agent_runtime_versions",
      "get_agent_runtime_logs",
    ]);
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

  it("never falls back to the host's credential chain when sandbox is off without keys", () => {
    const factory = createSmitheryServerFactory({ allowedProfiles: [] });
    expect(() => factory.createServer({ config: configSchema.parse({ sandbox: false, region: "eu-west-1" }) })).toThrow(
      /no credentials were given: set awsAccessKeyId/,
    );
    expect(factory.size).toBe(0);
  });

  it("accepts a tenant's profile only where the operator allows it, and reads only that profile", async () => {
    const loaded: string[] = [];
    const factory = createSmitheryServerFactory({
      allowedProfiles: parseAllowedProfiles(" tenant-a ,tenant-b,"),
      // The credentials stop the call before anything is sent: signing comes before the connection.
      loadProfile: (profile) => {
        loaded.push(profile);
        return Promise.resolve(() => Promise.reject(new Error("test credentials: stop before sending")));
      },
    });
    expect(() => factory.createServer({ config: configSchema.parse({ sandbox: false, profile: "host-admin" }) })).toThrow(
      /profile host-admin is not one this host's operator allows \(AGENTCORE_MCP_SMITHERY_PROFILES\)/,
    );
    const config = configSchema.parse({ sandbox: false, profile: "tenant-b", region: "eu-west-1", maxAttempts: 1 });
    const client = await connectInMemory(factory.createServer({ config }));
    const result = (await client.callTool({
      name: "get_agent_runtime",
      arguments: { agentRuntimeId: "my_agent-abcdefghij" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(loaded).toEqual(["tenant-b"]);
    await client.close();
    await factory.close();
  });

  it("closes only idle apps beyond maxApps, least recently used first: a session in use keeps its sandbox", async () => {
    const factory = createSmitheryServerFactory({ allowedProfiles: [], maxApps: 2, maxOpenApps: 3 });
    const config = configSchema.parse({});
    const a = await connectInMemory(factory.createServer({ config, sessionId: "a" }));
    expect(((await a.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST } })) as CallToolResult).isError).toBeFalsy();
    const b = await connectInMemory(factory.createServer({ config, sessionId: "b" }));
    const c = await connectInMemory(factory.createServer({ config, sessionId: "c" }));
    // Three sessions in use, over maxApps: none is closed, and a's runtime is still there.
    expect(factory.size).toBe(3);
    const listed = (await a.callTool({ name: "list_agent_runtimes", arguments: {} })) as CallToolResult;
    expect(JSON.stringify(listed.structuredContent)).toContain(MINIMAL_REQUEST.agentRuntimeName);
    // Past maxOpenApps a new session is refused, in words, rather than closing a live one.
    expect(() => factory.createServer({ config, sessionId: "d" })).toThrow(/limit; try again/);
    // Once a's session ends it is idle, and the one closed to make room.
    await a.close();
    const d = await connectInMemory(factory.createServer({ config, sessionId: "d" }));
    expect(factory.size).toBe(3);
    expect(((await b.callTool({ name: "list_agent_runtimes", arguments: {} })) as CallToolResult).isError).toBeFalsy();
    await Promise.all([b.close(), c.close(), d.close()]);
    // All idle now: back to maxApps.
    expect(factory.size).toBe(2);
    await factory.close();
  });

  it("without a session id, two tenants with the same configuration never share a sandbox", async () => {
    const factory = createSmitheryServerFactory({ allowedProfiles: [] });
    const config = configSchema.parse({});
    const first = await connectInMemory(factory.createServer({ config }));
    const second = await connectInMemory(factory.createServer({ config }));
    expect(
      ((await first.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST } })) as CallToolResult).isError,
    ).toBeFalsy();
    const listed = (await second.callTool({ name: "list_agent_runtimes", arguments: {} })) as CallToolResult;
    expect(JSON.stringify(listed.structuredContent)).not.toContain(MINIMAL_REQUEST.agentRuntimeName);
    await Promise.all([first.close(), second.close()]);
    await factory.close();
  });

  it("gives each session its own sandbox: one tenant never sees another's runtimes", async () => {
    const factory = createSmitheryServerFactory({ allowedProfiles: [] });
    const config = configSchema.parse({});
    const first = await connectInMemory(factory.createServer({ config, sessionId: "tenant-1" }));
    const second = await connectInMemory(factory.createServer({ config, sessionId: "tenant-2" }));
    const again = await connectInMemory(factory.createServer({ config, sessionId: "tenant-1" }));
    const created = (await first.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST } })) as CallToolResult;
    expect(created.isError).toBeFalsy();
    const names = async (client: typeof first) => {
      const listed = (await client.callTool({ name: "list_agent_runtimes", arguments: {} })) as CallToolResult;
      return JSON.stringify(listed.structuredContent);
    };
    expect(await names(again)).toContain(MINIMAL_REQUEST.agentRuntimeName);
    expect(await names(second)).not.toContain(MINIMAL_REQUEST.agentRuntimeName);
    await Promise.all([first.close(), second.close(), again.close()]);
    await factory.close();
  });
});
