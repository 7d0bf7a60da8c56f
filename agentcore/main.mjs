// Start file of the AgentCore Runtime code package (`npm run pack:agentcore`): AgentCore Runtime's
// NODE_22 managed runtime runs it as the entry point. It serves the AgentCore MCP contract:
// stateless Streamable HTTP at POST /mcp on 0.0.0.0:8000, and GET /ping. The runtime's inbound JWT
// authorizer authenticates callers before a request reaches this process, hence no token of its
// own. Every setting can still be changed through the environment variables of the runtime
// (environmentVariables of create_agent_runtime), which win over the defaults below.
const defaults = {
  MCP_TRANSPORT: "http",
  MCP_HOST: "0.0.0.0",
  MCP_PORT: "8000",
  MCP_ALLOW_UNAUTHENTICATED: "true",
};
for (const [name, value] of Object.entries(defaults)) process.env[name] ??= value;
await import("./agentcore-runtime-mcp.mjs");
