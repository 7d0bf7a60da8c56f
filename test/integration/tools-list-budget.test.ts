import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { listedTools } from "../helpers/listed-tools.js";
import { MINIMAL_REQUEST, textOf, useStack } from "../helpers/stack.js";
import { toolsListSizes } from "../helpers/tools-list-size.js";
import { ALL_TOOL_NAMES } from "../helpers/tool-names.js";

const KIB = 1024;
const start = useStack();

describe("the tools/list token budget", () => {
  it("stays within 36 KiB by default and 72 KiB with every tool", async () => {
    const sizes = new Map((await toolsListSizes()).map((row) => [row.tools, row]));
    expect(sizes.get("read,create")?.bytes).toBeLessThanOrEqual(36 * KIB);
    expect(sizes.get("all")?.bytes).toBeLessThanOrEqual(72 * KIB);
    expect(sizes.get("all")?.names).toEqual([...ALL_TOOL_NAMES]);
  });

  it("offers the default groups (read, create) unless --tools says otherwise, and only reads with --read-only", async () => {
    expect((await listedTools()).map((tool) => tool.name)).toEqual([
      "create_agent_runtime",
      "get_agent_runtime",
      "list_agent_runtimes",
      "list_agent_runtime_versions",
      "get_agent_runtime_logs",
    ]);
    expect((await listedTools(["--tools", "delete,read"])).map((tool) => tool.name)).toEqual([
      "get_agent_runtime",
      "list_agent_runtimes",
      "list_agent_runtime_versions",
      "get_agent_runtime_logs",
      "delete_agent_runtime",
    ]);
    // The two groups of the runtime's use, in catalog order: the last seven tools.
    expect((await listedTools(["--tools", "invoke,endpoints"])).map((tool) => tool.name)).toEqual(ALL_TOOL_NAMES.slice(-7));
    expect((await listedTools(["--tools", "all", "--read-only"])).map((tool) => tool.name)).toEqual([
      "get_agent_runtime",
      "list_agent_runtimes",
      "list_agent_runtime_versions",
      "get_agent_runtime_logs",
    ]);
  });

  it("update lists its structured members in brief, yet checks them in full", async () => {
    const update = (await listedTools(["--tools", "all"])).find((tool) => tool.name === "update_agent_runtime");
    const artifact = (update?.inputSchema.properties as Record<string, Record<string, unknown>>).agentRuntimeArtifact;
    expect(artifact).toMatchObject({ type: "object" });
    expect(artifact?.description).toContain("Shape as in create_agent_runtime");

    const s = await start({ argv: ["--tools", "all"] });
    expect((await s.call({ ...MINIMAL_REQUEST })).isError).toBeFalsy();
    const wrong = (await s.client.callTool({
      name: "update_agent_runtime",
      arguments: {
        agentRuntimeId: MINIMAL_REQUEST.agentRuntimeName,
        agentRuntimeArtifact: { containerConfiguration: { containerUri: "docker.io/library/agent" } },
      },
    })) as CallToolResult;
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/^InvalidArguments: /);
    expect(textOf(wrong)).toContain("agentRuntimeArtifact.containerConfiguration.containerUri");
  });

  it("update shows in full every member create does not list, so each one is learnable from tools/list", async () => {
    const tools = await listedTools(["--tools", "all"]);
    const schemaOf = (name: string) =>
      tools.find((tool) => tool.name === name)?.inputSchema.properties as Record<string, Record<string, unknown>>;
    const create = schemaOf("create_agent_runtime");
    const update = schemaOf("update_agent_runtime");
    expect(update.metadataConfiguration?.description).not.toContain("Shape as in create_agent_runtime");
    expect(update.metadataConfiguration?.properties).toHaveProperty("requireMMDSV2");
    for (const [member, schema] of Object.entries(update)) {
      if (String(schema.description).includes("Shape as in create_agent_runtime")) expect(create, member).toHaveProperty(member);
    }
  });

  it("rejects an unknown tool group, naming the choices", async () => {
    await expect(listedTools(["--tools", "read,write"])).rejects.toThrow(/use read, create, update, delete, invoke, endpoints or all/);
  });
});
