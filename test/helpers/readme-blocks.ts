import { OPTIONS, defaultTextOf } from "../../src/config.js";

type JsonSchema = Record<string, unknown>;

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

/** The README's tool reference, generated from the JSON Schema that tools/list advertises. */
export function renderToolReference(tools: { name: string; inputSchema: JsonSchema }[]): string {
  const out: string[] = [];
  for (const tool of tools) {
    out.push(`#### \`${tool.name}\` arguments`, "", "| member | type | required | limits | what it is for |", "| --- | --- | --- | --- | --- |");
    walk(tool.inputSchema, "", false, out, tool.inputSchema);
    out.push("");
  }
  return out.join("\n").trimEnd();
}

/** The README's configuration table, generated from the options table in src/config.ts. */
export function renderConfigTable(): string {
  const rows = OPTIONS.map(
    (option) =>
      `| \`--${option.flag}\` | ${option.env.map((name) => `\`${name}\``).join(", ")} | ${defaultTextOf(option)} | ${option.help} |`,
  );
  return ["| flag | environment | default | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** One row of the README's tool-group table: what a `--tools` value lists and what tools/list weighs. */
export interface ToolGroupSize {
  tools: string;
  names: string[];
  bytes: number;
}

/** The README's tool-group table. */
export function renderToolGroupTable(rows: readonly ToolGroupSize[]): string {
  const lines = ["| `--tools` | tools listed | tools/list result |", "|---|---|---|"];
  for (const row of rows) {
    lines.push(`| \`${row.tools}\` | ${row.names.map((name) => `\`${name}\``).join(", ")} | ${(row.bytes / 1024).toFixed(1)} KiB |`);
  }
  return lines.join("\n");
}

/** Puts `body` between the README's `<!-- name:start -->` and `<!-- name:end -->` markers. */
export function replaceBlock(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) throw new Error(`README lacks the ${name} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}
