import { listedTools } from "./listed-tools.js";
import type { ToolGroupSize } from "./docs-blocks.js";

/** The `--tools` values docs/tools.md and the budget test measure, default first. */
const MEASURED_TOOL_SETS = ["read,create", "read", "create", "update", "delete", "invoke", "endpoints", "all"] as const;

/** Bytes of the tools/list result (its JSON) for each measured `--tools` value. */
export async function toolsListSizes(): Promise<ToolGroupSize[]> {
  const rows: ToolGroupSize[] = [];
  for (const tools of MEASURED_TOOL_SETS) {
    const listed = await listedTools(["--tools", tools]);
    rows.push({ tools, names: listed.map((tool) => tool.name), bytes: Buffer.byteLength(JSON.stringify({ tools: listed })) });
  }
  return rows;
}
