// The registry as data: groups decide what is offered, kinds decide the annotations.
import { describe, expect, it } from "vitest";
import { createMcpOverInvoke } from "../../src/agentcore/mcp-over-invoke.js";
import { TOOL_GROUPS } from "../../src/config.js";
import { createSilentLogger } from "../../src/log.js";
import { TOOLS, type ToolDeps, offeredTools } from "../../src/tools/index.js";

const deps: ToolDeps = {
  controlPlane: { connect: () => Promise.reject(new Error("no call is made here")) },
  sandbox: true,
  confirm: false,
  maxWaitSeconds: 30,
  newClientToken: () => "5f0c8a5e-3b1d-4c1e-9a4f-2f6d7c8b9a01",
  log: createSilentLogger(),
  preflightByDefault: false,
  invocations: { mcp: createMcpOverInvoke({ clientInfo: { name: "test", version: "0" }, maxSessions: 1 }), arns: new Map() },
};

describe("the tool registry", () => {
  it("gives every tool a unique name and a group the operator can choose", () => {
    expect(new Set(TOOLS.map((tool) => tool.name)).size).toBe(TOOLS.length);
    for (const tool of TOOLS) expect(TOOL_GROUPS).toContain(tool.group);
  });

  it("offers exactly the tools of the chosen groups, in catalog order", () => {
    for (const group of TOOL_GROUPS) {
      expect(offeredTools([group], deps).map((tool) => tool.name)).toEqual(
        TOOLS.filter((tool) => tool.group === group).map((tool) => tool.name),
      );
    }
    expect(offeredTools([...TOOL_GROUPS], deps).map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.name));
  });

  it("derives the annotations from the kind: reads are read-only (every tool of the read group is one), only a destroy is destructive, none closed-world", () => {
    for (const tool of offeredTools([...TOOL_GROUPS], deps)) {
      const spec = TOOLS.find((candidate) => candidate.name === tool.name);
      expect(tool.annotations, tool.name).toEqual({
        title: tool.title,
        readOnlyHint: spec?.kind === "read",
        destructiveHint: spec?.kind === "destroy",
        idempotentHint: spec?.idempotent ?? true,
        openWorldHint: true,
      });
    }
    expect(offeredTools(["delete"], deps).map((tool) => tool.annotations.destructiveHint)).toEqual([true]);
    // --read-only offers the read group alone, so it must hold reads only.
    expect(offeredTools(["read"], deps).every((tool) => tool.annotations.readOnlyHint)).toBe(true);
  });

  it("caps every wait option at the server's --max-wait-seconds", () => {
    for (const tool of offeredTools([...TOOL_GROUPS], deps)) {
      const shape =
        (tool.inputSchema as unknown as { shape?: Record<string, { safeParse(value: unknown): { success: boolean } }> }).shape ?? {};
      for (const [member, schema] of Object.entries(shape).filter(([member]) => /^waitFor.*Seconds$/.test(member))) {
        expect(schema.safeParse(30).success, `${tool.name}.${member}`).toBe(true);
        expect(schema.safeParse(31).success, `${tool.name}.${member}`).toBe(false);
      }
    }
  });

  it("checks API members by the model's rules: a nextToken with a space and a version not written as digits are refused", () => {
    const byName = new Map(offeredTools([...TOOL_GROUPS], deps).map((tool) => [tool.name, tool.inputSchema]));
    const check = (name: string, args: Record<string, unknown>) => byName.get(name)?.safeParse(args).success;
    for (const name of ["list_agent_runtimes", "list_agent_runtime_versions"]) {
      const base = name === "list_agent_runtimes" ? {} : { agentRuntimeId: "my_agent" };
      expect(check(name, { ...base, nextToken: "page-2" }), name).toBe(true);
      expect(check(name, { ...base, nextToken: "page 2" }), name).toBe(false);
      expect(check(name, { ...base, maxResults: 101 }), name).toBe(false);
    }
    expect(check("get_agent_runtime", { agentRuntimeId: "my_agent", agentRuntimeVersion: "2" })).toBe(true);
    expect(check("get_agent_runtime", { agentRuntimeId: "my_agent", agentRuntimeVersion: "v2" })).toBe(false);
    expect(check("delete_agent_runtime", { agentRuntimeId: "my_agent", clientToken: "too-short" })).toBe(false);
  });
});
