// `npm run docs` rewrites every table of README.md and docs/*.md that the code knows, between its
// `<!-- name:start -->` and `<!-- name:end -->` markers; `npm run docs:check` (part of `npm run lint`)
// fails, naming the file and the block, when one differs from what the code says now.
// Each table has one source: the options table (src/config.ts), what tools/list advertises, the
// argument mistakes the integration tests prove, and the results file the bench writes.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { MISTAKES, renderMistakesTable } from "../test/helpers/argument-mistakes.js";
import {
  type BenchReport,
  renderBenchFigures,
  renderConfigTable,
  renderToolGroupTable,
  renderToolLines,
  renderToolReference,
  replaceBlock,
} from "../test/helpers/docs-blocks.js";
import { listedTools } from "../test/helpers/listed-tools.js";
import { toolsListSizes } from "../test/helpers/tools-list-size.js";

const root = new URL("..", import.meta.url);
const BENCH_RESULTS = new URL("bench/results/latest.json", root);

async function renderBlocks(): Promise<Record<string, Record<string, string>>> {
  const tools = await listedTools(["--tools", "all"]);
  const sizes = await toolsListSizes();
  const bench = existsSync(BENCH_RESULTS) ? (JSON.parse(readFileSync(BENCH_RESULTS, "utf8")) as BenchReport) : undefined;
  return {
    "README.md": { "config-table": renderConfigTable(), "tool-lines": renderToolLines(tools, sizes) },
    "docs/tools.md": {
      "tool-groups": renderToolGroupTable(sizes),
      "tool-reference": renderToolReference(tools),
      "argument-mistakes": renderMistakesTable(),
    },
    "docs/performance.md": { "bench-figures": renderBenchFigures(bench) },
  };
}

const check = process.argv.includes("--check");
const stale: string[] = [];
const files = await renderBlocks();
for (const [file, blocks] of Object.entries(files)) {
  const url = new URL(file, root);
  const current = readFileSync(url, "utf8");
  let expected = current;
  for (const [name, body] of Object.entries(blocks)) {
    const next = replaceBlock(expected, name, body, file);
    if (next !== expected) stale.push(`${file}: ${name}`);
    expected = next;
  }
  if (!check && expected !== current) writeFileSync(url, expected);
}
if (check && stale.length > 0) {
  process.stderr.write(`Generated tables differ from the code (run \`npm run docs\`):\n${stale.map((item) => `  ${item}`).join("\n")}\n`);
  process.exitCode = 1;
} else {
  process.stderr.write(
    `${check ? "docs up to date" : stale.length > 0 ? `rewrote ${stale.join(", ")}` : "docs already up to date"} (${Object.keys(files).length} files, ${MISTAKES.length} argument mistakes)\n`,
  );
}
