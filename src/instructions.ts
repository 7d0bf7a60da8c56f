// The server's `instructions` (initialize for 2025 clients, server/discover for 2026-07-28 ones):
// what a model must know before its first call, since it sees nothing but these and tools/list.
import type { ToolGroup } from "./config.js";
import type { SandboxGuide } from "./sandbox-guide.js";
import { sandboxAccountLines } from "./sandbox-guide.js";
import { SANDBOX_MARKER } from "./result-framing.js";
import { type OfferedTools, howToOffer } from "./tool-mentions.js";

/** What the instructions describe. */
export interface InstructionFacts {
  readonly sandbox: boolean;
  /** The default region and where it comes from, as the start-up line says it. */
  readonly region: string;
  /** The tools listed, in catalog order. */
  readonly listed: readonly string[];
  readonly tools: OfferedTools;
  readonly confirm: boolean;
  readonly preflight: boolean;
  /** Sandbox mode: the file its state is kept in, or undefined when it lives in memory. */
  readonly sandboxState?: string;
  /** Sandbox mode: its account, for the default region. */
  readonly guide?: SandboxGuide;
}

const ALL_GROUPS: readonly ToolGroup[] = ["read", "create", "update", "delete"];

/** The instructions text, one fact per line. */
export function buildInstructions(facts: InstructionFacts): string {
  const missing = ALL_GROUPS.filter((group) => !facts.tools.groups.includes(group));
  const lines = [
    "This server manages Amazon Bedrock AgentCore Runtimes (hosts for agents and MCP servers); tool arguments are the AgentCore API's own members.",
    facts.sandbox
      ? `SANDBOX MODE: every call goes to a local emulator inside this server. Nothing reaches AWS and nothing is billed; every result says "sandbox": true and its text starts with ${SANDBOX_MARKER}.`
      : "AWS MODE: calls go to AWS with the server's credentials; create_agent_runtime creates billable resources (use dryRun to preview a request).",
    `Default region: ${facts.region}; most tools take a region argument for another.`,
    `Tools: ${facts.listed.join(", ")} (groups ${facts.tools.groups.join(", ")}${facts.tools.readOnly ? ", read-only" : ""}).${missing.map((group) => ` No ${group} tool: ${howToOffer(group, facts.tools)}.`).join("")}`,
    ...(facts.confirm ? ["Each creation and update asks the person to approve it first (--confirm)."] : []),
    ...(facts.preflight
      ? [
          "Before create and update, pre-flight checks (role, image, code archive, VPC) run; a failed check names its fix, and ignoreChecks goes ahead anyway.",
        ]
      : []),
  ];
  if (facts.sandbox) {
    lines.push(
      facts.sandboxState === undefined
        ? "Sandbox state (runtimes, versions) lasts only as long as this server process: a restarted server starts empty (the operator keeps it with --sandbox-state FILE)."
        : `Sandbox state is kept in ${facts.sandboxState}, so runtimes outlive a restart of this server.`,
      ...(facts.guide === undefined ? [] : sandboxAccountLines(facts.guide)),
    );
  }
  return lines.join("\n");
}
