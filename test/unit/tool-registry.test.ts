// The registry as data: groups decide what is offered, kinds decide the annotations.
import { describe, expect, it } from "vitest";
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
};

describe("the tool registry", () => {
  it("gives every tool a unique name and a group the operator can choose", () => {
    expect(new Set(TOOLS.map((tool) => tool.name)).size).toBe(TOOLS.length);
    for (const tool of TOOLS) expect(TOOL_GROUPS).toContain(tool.group);
  });

  it("offers exactly the tools of the chosen groups, in catalog order", () => {
    for (const group of TOOL_GROUPS) {
      expect(offeredTools([group], deps).map((tool) => tool.name)).toEqual(TOOLS.filter((tool) => tool.group === group).map((tool) => tool.name));
    }
    expect(offeredTools([...TOOL_GROUPS], deps).map((tool) => tool.name)).toEqual(TOOLS.map((tool) => tool.name));
  });

  it("derives the annotations from the kind: the read group is read-only, only a destroy is destructive, none closed-world", () => {
    for (const tool of offeredTools([...TOOL_GROUPS], deps)) {
      const spec = TOOLS.find((candidate) => candidate.name === tool.name);
      expect(tool.annotations, tool.name).toEqual({
        title: tool.title,
        readOnlyHint: spec?.group === "read",
        destructiveHint: spec?.kind === "destroy",
        idempotentHint: spec?.idempotent ?? true,
        openWorldHint: true,
      });
    }
    expect(offeredTools(["delete"], deps).map((tool) => tool.annotations.destructiveHint)).toEqual([true]);
  });

  it("caps every wait option at the server's --max-wait-seconds", () => {
    for (const tool of offeredTools([...TOOL_GROUPS], deps)) {
      const shape = (tool.inputSchema as unknown as { shape?: Record<string, { safeParse(value: unknown): { success: boolean } }> }).shape ?? {};
      for (const [member, schema] of Object.entries(shape).filter(([member]) => /^waitFor.*Seconds$/.test(member))) {
        expect(schema.safeParse(30).success, `${tool.name}.${member}`).toBe(true);
        expect(schema.safeParse(31).success, `${tool.name}.${member}`).toBe(false);
      }
    }
  });
});
