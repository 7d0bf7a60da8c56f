import { describe, expect, it } from "vitest";
import { MISTAKES, argumentsOf } from "../helpers/argument-mistakes.js";
import { MINIMAL_REQUEST, textOf, useStack } from "../helpers/stack.js";

// Each mistake of test/helpers/argument-mistakes.ts (the table in docs/tools.md) gets exactly the
// first line it names, and costs exactly the requests it names.

describe("the argument mistakes models make most", () => {
  const start = useStack();

  it("are twenty-four, across all six tools", () => {
    expect(MISTAKES).toHaveLength(24);
    expect(new Set(MISTAKES.map((mistake) => mistake.tool)).size).toBe(6);
  });

  it.each(MISTAKES.map((mistake, index) => [index + 1, mistake.mistake, mistake] as const))("%i. %s", async (_number, _name, mistake) => {
    // A fixed random source makes the emulator's runtime ids, and so the first lines, stable.
    const stack = await start({ emulator: { random: () => 0.5 } });
    if (mistake.existing === true) {
      const created = await stack.call({ ...MINIMAL_REQUEST });
      expect(created.isError).toBeFalsy();
      stack.emulator.clearRequests();
    }
    const result = await stack.client.callTool({ name: mistake.tool, arguments: argumentsOf(mistake) });
    const lines = textOf(result as never).split("\n");
    expect(lines[0]).toBe(mistake.firstLine);
    expect(stack.emulator.requests).toHaveLength(mistake.sent);
    if (result.isError === true) {
      // A refusal is only useful with a way on: its next step names a real tool or an argument of this one.
      const { tools } = await stack.client.listTools();
      const members = Object.keys(tools.find((tool) => tool.name === mistake.tool)?.inputSchema.properties ?? {});
      const nextStep = lines.find((line) => line.startsWith("Next step: ")) ?? "";
      const named = [...tools.map((tool) => tool.name), ...members].filter((name) => new RegExp(`\\b${name}\\b`).test(nextStep));
      expect(named, nextStep).not.toEqual([]);
    }
  });

  it("echo a huge map key cut to a bound: a 900 kB tag key gives a small result", async () => {
    const stack = await start();
    const key = "k".repeat(900_000);
    const result = await stack.client.callTool({ name: "create_agent_runtime", arguments: { ...MINIMAL_REQUEST, tags: { [key]: "v" } } });
    expect(result.isError).toBe(true);
    expect(textOf(result as never)).toContain("… (900000 characters)");
    expect(JSON.stringify(result).length).toBeLessThan(20_000);
    expect(stack.emulator.requests).toHaveLength(0);
  });
});
