import { OPTIONS, defaultTextOf } from "../../src/config.js";

// The renderers of the tables that `npm run docs` (scripts/docs.ts) keeps in README.md and docs/*.md.
import type { Tool } from "@modelcontextprotocol/server";

type JsonSchema = Record<string, unknown>;
type ListedTool = Pick<Tool, "name" | "title" | "description" | "inputSchema">;

function typeOf(node: JsonSchema): string {
  if (Array.isArray(node.enum)) return (node.enum as string[]).join(" \\| ");
  if (Array.isArray(node.oneOf)) return "one of";
  if (node.type === "object" && node.additionalProperties && typeof node.additionalProperties === "object") return "map";
  return String(node.type ?? "any");
}

function limitsOf(node: JsonSchema): string {
  const parts: string[] = [];
  const range = (low: unknown, high: unknown, unit: string) => {
    if (low === undefined && high === undefined) return;
    parts.push(`${unit} ${low ?? 0}..${high ?? "∞"}`);
  };
  range(node.minLength, node.maxLength, "length");
  range(node.minItems, node.maxItems, "items");
  range(node.minProperties, node.maxProperties, "entries");
  range(node.minimum, node.maximum, "value");
  if (typeof node.pattern === "string") parts.push("pattern");
  return parts.join(", ");
}

function walk(nodeIn: JsonSchema, path: string, required: boolean, rows: string[], root: JsonSchema): void {
  const ref = typeof nodeIn.$ref === "string" ? nodeIn.$ref.replace("#/$defs/", "") : undefined;
  const node = ref === undefined ? nodeIn : { ...((root.$defs as Record<string, JsonSchema>)[ref] ?? {}), ...nodeIn };
  if (path !== "") {
    const description = String(node.description ?? "").replace(/\|/g, "\\|");
    rows.push(`| \`${path}\` | ${typeOf(node)} | ${required ? "yes" : ""} | ${limitsOf(node)} | ${description} |`);
  }
  const requiredNames = new Set((node.required as string[] | undefined) ?? []);
  for (const [name, child] of Object.entries((node.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    walk(child, path === "" ? name : `${path}.${name}`, requiredNames.has(name), rows, root);
  }
  for (const arm of (node.oneOf as JsonSchema[] | undefined) ?? []) {
    for (const [name, child] of Object.entries((arm.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      walk(child, `${path}.${name}`, false, rows, root);
    }
  }
  const items = node.items as JsonSchema | undefined;
  if (items && (items.properties || items.oneOf)) walk({ ...items, description: undefined }, `${path}[]`, false, rows, root);
}

/** docs/tools.md's argument reference, generated from the JSON Schema that tools/list advertises. */
export function renderToolReference(tools: readonly ListedTool[]): string {
  const out: string[] = [];
  for (const tool of tools) {
    out.push(
      `### \`${tool.name}\` arguments`,
      "",
      "| member | type | required | limits | what it is for |",
      "| --- | --- | --- | --- | --- |",
    );
    walk(tool.inputSchema as JsonSchema, "", false, out, tool.inputSchema as JsonSchema);
    out.push("");
  }
  return out.join("\n").trimEnd();
}

/** README.md's configuration table, generated from the options table in src/config.ts. */
export function renderConfigTable(): string {
  const rows = OPTIONS.map(
    (option) =>
      `| \`--${option.flag}\` | ${[...option.env.map((name) => `\`${name}\``), ...(option.httpPlatformEnv ?? []).map((name) => `\`${name}\` (HTTP only)`)].join(", ")} | ${defaultTextOf(option)} | ${option.help} |`,
  );
  return ["| flag | environment | default | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** One row of docs/tools.md's tool-group table: what a `--tools` value lists and what tools/list weighs. */
export interface ToolGroupSize {
  tools: string;
  names: string[];
  bytes: number;
}

/** docs/tools.md's tool-group table. */
export function renderToolGroupTable(rows: readonly ToolGroupSize[]): string {
  const lines = ["| `--tools` | tools listed | tools/list result |", "|---|---|---|"];
  for (const row of rows) {
    lines.push(`| \`${row.tools}\` | ${row.names.map((name) => `\`${name}\``).join(", ")} | ${(row.bytes / 1024).toFixed(1)} KiB |`);
  }
  return lines.join("\n");
}

/** README.md's tool list: one line per tool, with the `--tools` group that offers it. */
export function renderToolLines(tools: readonly ListedTool[], sizes: readonly ToolGroupSize[]): string {
  const groupOf = (name: string): string =>
    sizes.find((row) => !row.tools.includes(",") && row.tools !== "all" && row.names.includes(name))?.tools ?? "?";
  // The description's opening clause: what the tool does and the operation it calls.
  const gist = (tool: ListedTool): string => (tool.description ?? tool.title ?? "").split(/: |\. /)[0] ?? "";
  return tools.map((tool) => `- \`${tool.name}\` (group \`${groupOf(tool.name)}\`): ${gist(tool)}.`).join("\n");
}

/** What docs/performance.md reads of bench/results/latest.json (bench/run.mjs writes it). */
export interface BenchReport {
  startedAt: string;
  durationS: number;
  environment: {
    node: string;
    machine?: string;
    cpus: number;
    cpuModel?: string;
    loadavgBefore: number[];
    loadavgAfter: number[];
    commit?: string;
  };
  table?: { metric: string; value: string; target: string; result: string }[];
}

/** docs/performance.md's figures: the bench's last committed run, dated and naming its machine. */
export function renderBenchFigures(report: BenchReport | undefined): string {
  if (report?.table === undefined)
    return "No bench results are committed yet: `npm run bench` writes `bench/results/latest.json`, then `npm run docs`.";
  const env = report.environment;
  const machine = env.machine ?? `${env.cpus} × ${env.cpuModel ?? "unknown CPU"}`;
  const lines = [
    `Measured ${report.startedAt.slice(0, 16).replace("T", " ")} UTC on ${machine}, Node ${env.node}${env.commit === undefined ? "" : `, commit \`${env.commit}\``}; load average ${env.loadavgBefore.join(", ")} before and ${env.loadavgAfter.join(", ")} after (${report.durationS} s).`,
    "",
    "| metric | value | target | result |",
    "| --- | --- | --- | --- |",
    ...report.table.map(
      (row) => `| ${[row.metric, row.value, row.target, row.result].map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`,
    ),
  ];
  return lines.join("\n");
}

/** Puts `body` between a document's `<!-- name:start -->` and `<!-- name:end -->` markers. */
export function replaceBlock(text: string, name: string, body: string, file = "the document"): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`${file} lacks the ${name} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}
