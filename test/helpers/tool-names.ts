/** The tools a default configuration advertises, in catalog order: e2e tests compare tools/list against it. */
export const ALL_TOOL_NAMES = [
  "create_agent_runtime",
  "get_agent_runtime",
  "list_agent_runtimes",
  "list_agent_runtime_versions",
  "get_agent_runtime_logs",
  "update_agent_runtime",
  "delete_agent_runtime",
  "invoke_agent_runtime",
  "stop_runtime_session",
  "create_agent_runtime_endpoint",
  "get_agent_runtime_endpoint",
  "list_agent_runtime_endpoints",
  "update_agent_runtime_endpoint",
  "delete_agent_runtime_endpoint",
] as const;

/** The tools of the default `--tools read,create`. */
export const DEFAULT_TOOL_NAMES = ALL_TOOL_NAMES.slice(0, 5);
