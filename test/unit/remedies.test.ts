// The live remedies, as a table: every code with a remedy of its own, for every operation a tool
// of the registry reports failures under, must read as a next step and name only real tools.
import { describe, expect, it } from "vitest";
import { TOOLS } from "../../src/tools/index.js";
import { remedyCodes, remedyFor } from "../../src/tools/remedies.js";

const TOOL_NAMES: ReadonlySet<string> = new Set(TOOLS.map((tool) => tool.name));
const OPERATIONS = [...new Set(TOOLS.map((tool) => tool.operation))];
const KNOWN = {
  clientToken: "5f0c8a5e-3b1d-4c1e-9a4f-2f6d7c8b9a01",
  region: "eu-west-1",
  agentRuntimeId: "weather_agent-AbCdE12345",
  agentRuntimeArn: "arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/weather_agent-AbCdE12345",
  agentRuntimeName: "weather_agent",
  agentRuntimeVersion: "3",
};
const CASES = OPERATIONS.flatMap((operation) =>
  remedyCodes(operation).flatMap((code) => [
    { operation, code, known: "identity known" },
    { operation, code, known: "nothing known" },
  ]),
);

/** Words that look like tool names (snake_case), once the identity's own values are cut out. */
function toolNamesIn(text: string): string[] {
  let rest = text;
  for (const value of Object.values(KNOWN)) rest = rest.replaceAll(value, "");
  return rest.match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? [];
}

describe("the remedies table", () => {
  it("covers every operation of the registry", () => {
    expect(OPERATIONS.length).toBeGreaterThan(0);
    for (const operation of OPERATIONS) expect(remedyCodes(operation).length).toBeGreaterThan(0);
  });

  it.each(CASES)("$operation × $code ($known) reads as a next step naming only real tools", ({ operation, code, known }) => {
    const identity = known === "identity known" ? KNOWN : {};
    const text = remedyFor(operation, code, { identity, version: "7" });
    expect(text).not.toMatch(/^Read the message above/);
    expect(text).not.toMatch(/undefined|null|\[object|""/);
    expect(text).toMatch(/[.)]$/);
    for (const name of toolNamesIn(text)) expect(TOOL_NAMES, `${code} of ${operation} names ${name}`).toContain(name);
  });

  it("falls back to a next step naming the operation's own tool for a code it does not know", () => {
    for (const tool of TOOLS) expect(remedyFor(tool.operation, "SomethingNew", { identity: {} })).toContain(`call ${tool.name} again`);
  });
});
