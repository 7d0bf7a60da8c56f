import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listedTools } from "../helpers/listed-tools.js";
import { renderConfigTable, renderToolGroupTable, renderToolReference, replaceBlock } from "../helpers/readme-blocks.js";
import { toolsListSizes } from "../helpers/tools-list-size.js";

const README = new URL("../../README.md", import.meta.url);

describe("README", () => {
  it("holds the tool reference and configuration table generated from the code (UPDATE_README=1 rewrites them)", async () => {
    const tools = await listedTools(["--tools", "all"]);
    const current = readFileSync(README, "utf8");
    let expected = replaceBlock(current, "tool-reference", renderToolReference(tools as never));
    expected = replaceBlock(expected, "config-table", renderConfigTable());
    expected = replaceBlock(expected, "tool-groups", renderToolGroupTable(await toolsListSizes()));
    if (process.env.UPDATE_README === "1") writeFileSync(README, expected);
    expect(current).toBe(expected);
  });

  it("opens with the two commands a newcomer types", () => {
    const head = readFileSync(README, "utf8").split("\n").slice(0, 12).join("\n");
    expect(head).toContain("npm ci && npm run demo");
    expect(head).toContain("npm ci && npm test");
  });
});
