// Texts are written once for the whole catalog ("call get_agent_runtime", "delete it with
// delete_agent_runtime"), but an operator offers only some groups (--tools, --read-only). A next
// step naming a tool the client never listed sends a model to a dead end, so every text that leaves
// the server names a tool only if it is listed, and otherwise says how the operator offers it.
import type { ToolGroup } from "./config.js";

/** A tool of the full catalog and its group. */
export interface CatalogEntry {
  readonly name: string;
  readonly group: ToolGroup;
}

/** The tool set one server offers. */
export interface OfferedTools {
  readonly all: readonly CatalogEntry[];
  readonly groups: readonly ToolGroup[];
  readonly readOnly: boolean;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** How the operator offers a group this server leaves out. */
export function howToOffer(group: ToolGroup, tools: OfferedTools): string {
  if (tools.readOnly)
    return `the operator restarts it without --read-only${group === "create" ? "" : ` and with ${group} in --tools (e.g. --tools all)`}`;
  return `the operator adds ${group} to --tools (e.g. --tools ${[...tools.groups, group].join(",")}, or --tools all)`;
}

/** What a tool does, in words: create, list versions, … */
function toolWords(entry: CatalogEntry): string {
  return entry.name.replace(/_agent_runtimes?/, "").replace(/_/g, " ");
}

/** A tool of the catalog this server does not list, named as what it does. */
function standIn(entry: CatalogEntry, tools: OfferedTools): string {
  return `the ${toolWords(entry)} tool, which this server does not offer (${howToOffer(entry.group, tools)})`;
}

/** Why a call to a catalog tool this server does not list was refused, and the way on; undefined for a tool it lists or never had. */
export function notOfferedMessage(name: string, tools: OfferedTools): { message: string; nextStep: string } | undefined {
  const entry = tools.all.find((item) => item.name === name);
  if (entry === undefined || tools.groups.includes(entry.group)) return undefined;
  const mode = tools.readOnly
    ? "this server is read-only (--read-only)"
    : `this server offers only the ${tools.groups.join(", ")} tools (--tools)`;
  return { message: `${name} is not offered: ${mode}`, nextStep: `To offer it, ${howToOffer(entry.group, tools)}; nothing was sent.` };
}

/**
 * Rewrites texts so that they name only the tools this server lists. `brief` (for the many schema
 * descriptions tools/list repeats) leaves out how the operator offers the tool.
 */
export function createMentions(tools: OfferedTools, brief = false): (text: string) => string {
  const hidden = tools.all.filter((entry) => !tools.groups.includes(entry.group));
  if (hidden.length === 0) return (text) => text;
  // A runtime may be named like a tool; a name glued to an id suffix or inside quotes is data, not a mention.
  const pattern = new RegExp(`(?<![\\w"/-])(${hidden.map((entry) => escape(entry.name)).join("|")})(?![\\w"-])`, "g");
  const byName = new Map(
    hidden.map((entry) => [entry.name, brief ? `the ${toolWords(entry)} tool (not offered here)` : standIn(entry, tools)]),
  );
  return (text) => text.replace(pattern, (name) => byName.get(name) ?? name);
}
