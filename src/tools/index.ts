// The registry: every tool as data, in the order tools/list shows them (the product's main job
// first, then reading, then the rest of the lifecycle). A tool's group decides whether it is
// offered; its kind decides its annotations (tool.ts).
import type { ToolGroup } from "../config.js";
import { createAgentRuntime } from "./create-agent-runtime.js";
import { createAgentRuntimeEndpoint } from "./create-agent-runtime-endpoint.js";
import { deleteAgentRuntimeEndpoint } from "./delete-agent-runtime-endpoint.js";
import { getAgentRuntimeEndpoint } from "./get-agent-runtime-endpoint.js";
import { getAgentRuntimeLogs } from "./get-agent-runtime-logs.js";
import { invokeAgentRuntime } from "./invoke-agent-runtime.js";
import { listAgentRuntimeEndpoints } from "./list-agent-runtime-endpoints.js";
import { stopRuntimeSession } from "./stop-runtime-session.js";
import { updateAgentRuntimeEndpoint } from "./update-agent-runtime-endpoint.js";
import { deleteAgentRuntime } from "./delete-agent-runtime.js";
import { getAgentRuntime } from "./get-agent-runtime.js";
import { listAgentRuntimeVersions } from "./list-agent-runtime-versions.js";
import { listAgentRuntimes } from "./list-agent-runtimes.js";
import { bindTool } from "./pipeline.js";
import type { ToolDeps } from "./steps.js";
import type { ToolDefinition, ToolSpec } from "./tool.js";
import { updateAgentRuntime } from "./update-agent-runtime.js";

export type { PreflightRunner, ToolDeps } from "./steps.js";
export type { ToolDefinition, ToolKind, ToolSpec } from "./tool.js";

/** Every tool of the product, in catalog order. */
export const TOOLS: readonly ToolSpec[] = [
  createAgentRuntime,
  getAgentRuntime,
  listAgentRuntimes,
  listAgentRuntimeVersions,
  getAgentRuntimeLogs,
  updateAgentRuntime,
  deleteAgentRuntime,
  invokeAgentRuntime,
  stopRuntimeSession,
  createAgentRuntimeEndpoint,
  getAgentRuntimeEndpoint,
  listAgentRuntimeEndpoints,
  updateAgentRuntimeEndpoint,
  deleteAgentRuntimeEndpoint,
];

/** The tools of the offered groups, bound to their dependencies. */
export function offeredTools(groups: readonly ToolGroup[], deps: ToolDeps): ToolDefinition[] {
  return TOOLS.filter((tool) => groups.includes(tool.group)).map((tool) => bindTool(tool, deps));
}
