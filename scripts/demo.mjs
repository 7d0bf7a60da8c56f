#!/usr/bin/env node
// The offline demo: starts the built server in sandbox mode over stdio, connects a real MCP client
// and walks through what a model would do. Nothing here reaches AWS.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const seed = JSON.parse(readFileSync(new URL("../test/fixtures/seed-full-request.json", import.meta.url), "utf8"));
const out = (line = "") => process.stdout.write(`${line}\n`);
const heading = (title) => out(`\n=== ${title} ${"=".repeat(Math.max(0, 70 - title.length))}`);
const show = (result) => {
  out(result.isError ? "isError: true" : "isError: false");
  for (const item of result.content ?? []) if (item.type === "text") out(item.text.replace(/^/gm, "  "));
  if (result.structuredContent) out(`structuredContent: ${JSON.stringify(result.structuredContent, null, 2).replace(/\n/g, "\n  ")}`);
};

const transport = new StdioClientTransport({
  command: process.execPath,
  // Every tool group, so the demo can walk a runtime's whole life.
  args: [`${root}/dist/agentcore-runtime-mcp.mjs`, "--sandbox", "--tools", "all", "--log-level", "warn"],
  env: { PATH: process.env.PATH ?? "", AWS_EC2_METADATA_DISABLED: "true" },
  stderr: "inherit",
});
const client = new Client({ name: "agentcore-runtime-mcp-demo", version: "1.0.0" });
await client.connect(transport);

heading("tools/list");
const { tools } = await client.listTools();
for (const tool of tools) {
  out(`${tool.name} — ${tool.title}`);
  out(`  required: ${tool.inputSchema.required?.join(", ")}`);
  out(`  members: ${Object.keys(tool.inputSchema.properties ?? {}).join(", ")}`);
  out(`  annotations: ${JSON.stringify(tool.annotations)}`);
}

heading("dry run: the exact request, sensitive values redacted, nothing sent");
const { clientToken: _seedToken, ...seedWithoutToken } = seed;
show(await client.callTool({ name: "create_agent_runtime", arguments: { ...seedWithoutToken, dryRun: true } }));

heading("create_agent_runtime with the seed page's full request (every member)");
const created = await client.callTool({ name: "create_agent_runtime", arguments: seedWithoutToken });
show(created);

heading("invalid arguments are rejected locally (nothing is sent)");
show(
  await client.callTool({
    name: "create_agent_runtime",
    arguments: {
      agentRuntimeName: "bad-name-with-hyphens",
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "docker.io/library/agent" } },
      networkConfiguration: { networkMode: "VPC" },
    },
  }),
);

heading("the same name again: the service's ConflictException, with a remedy");
show(await client.callTool({ name: "create_agent_runtime", arguments: seedWithoutToken }));

heading("the same clientToken again: the same runtime back, not a second one");
const token = created.structuredContent?.clientToken;
show(await client.callTool({ name: "create_agent_runtime", arguments: { ...seedWithoutToken, clientToken: token } }));

heading("create and wait until READY, with progress notifications");
show(
  await client.callTool(
    {
      name: "create_agent_runtime",
      arguments: {
        agentRuntimeName: "waiting_demo",
        agentRuntimeArtifact: {
          codeConfiguration: {
            code: { s3: { bucket: "agent-code-bucket", prefix: "agents/demo.zip" } },
            runtime: "PYTHON_3_13",
            entryPoint: ["main.py"],
          },
        },
        roleArn: "arn:aws:iam::123456789012:role/AgentRuntimeRole",
        waitForReadySeconds: 20,
      },
    },
    undefined,
    { onprogress: ({ progress, message }) => out(`  progress ${progress.toFixed(1)} s: ${message}`) },
  ),
);

heading("get_agent_runtime: status and configuration of the first runtime");
show(await client.callTool({ name: "get_agent_runtime", arguments: { agentRuntimeId: created.structuredContent?.agentRuntimeId } }));

heading("pre-flight: an amd64-only image is refused before anything is sent");
show(
  await client.callTool({
    name: "create_agent_runtime",
    arguments: {
      agentRuntimeName: "amd64_demo",
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/amd64-agent:latest" } },
      roleArn: "arn:aws:iam::123456789012:role/AgentRuntimeRole",
      networkConfiguration: { networkMode: "PUBLIC" },
    },
  }),
);

heading("list_agent_runtimes: what this account has in the region");
show(await client.callTool({ name: "list_agent_runtimes", arguments: {} }));

heading("update_agent_runtime: a new image, old → new, wait for version 2");
const id = created.structuredContent?.agentRuntimeId;
show(
  await client.callTool(
    {
      name: "update_agent_runtime",
      arguments: {
        agentRuntimeId: id,
        agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest" } },
        waitForReadySeconds: 20,
      },
    },
    undefined,
    { onprogress: ({ progress, message }) => out(`  progress ${progress.toFixed(1)} s: ${message}`) },
  ),
);

heading("list_agent_runtime_versions");
show(await client.callTool({ name: "list_agent_runtime_versions", arguments: { agentRuntimeId: id } }));

// From here the conversation proves the agent works: invoke it, pin traffic, move it, read its logs.
const call = (name, args, options) => client.callTool({ name, arguments: args }, undefined, options);
// The seed runtime speaks MCP (its protocolConfiguration): mcp requests go through InvokeAgentRuntime.
const whoami = { method: "tools/call", params: { name: "whoami", arguments: {} } };
heading("invoke_agent_runtime with mcp: tools/list on the deployed MCP agent (DEFAULT serves the newest version)");
const first = await call("invoke_agent_runtime", { agentRuntimeId: id, mcp: { method: "tools/list" } });
show(first);
const session = first.structuredContent?.runtimeSessionId;

heading("create_agent_runtime_endpoint: prod pinned to version 1, waiting for READY");
show(await call("create_agent_runtime_endpoint", { agentRuntimeId: id, name: "prod", agentRuntimeVersion: "1", waitForReadySeconds: 20 }));

heading("invoke prod (version 1) and DEFAULT (version 2)");
show(await call("invoke_agent_runtime", { agentRuntimeId: id, qualifier: "prod", mcp: whoami }));
show(await call("invoke_agent_runtime", { agentRuntimeId: id, runtimeSessionId: session, mcp: whoami }));

heading("an HTTP agent (waiting_demo, by its exact name): a streamed reply relayed as progress notifications");
show(
  await call(
    "invoke_agent_runtime",
    { agentRuntimeId: "waiting_demo", payload: "stream this back to me", stream: true },
    { onprogress: ({ message }) => out(`  progress: ${message}`) },
  ),
);

heading("update_agent_runtime_endpoint: promote prod to version 2, then roll back to 1");
show(
  await call("update_agent_runtime_endpoint", {
    agentRuntimeId: id,
    endpointName: "prod",
    agentRuntimeVersion: "2",
    waitForReadySeconds: 20,
  }),
);
show(await call("invoke_agent_runtime", { agentRuntimeId: id, qualifier: "prod", mcp: whoami }));
show(
  await call("update_agent_runtime_endpoint", {
    agentRuntimeId: id,
    endpointName: "prod",
    agentRuntimeVersion: "1",
    waitForReadySeconds: 20,
  }),
);

heading("list_agent_runtime_endpoints");
show(await call("list_agent_runtime_endpoints", { agentRuntimeId: id }));

heading("get_agent_runtime_logs: the invocations, oldest first");
show(await call("get_agent_runtime_logs", { agentRuntimeId: id, filterPattern: "invocation" }));
show(await call("get_agent_runtime_logs", { agentRuntimeId: id, endpointName: "prod" }));

heading("stop_runtime_session");
show(await call("stop_runtime_session", { agentRuntimeId: id, runtimeSessionId: session }));

heading("delete_agent_runtime_endpoint: declined (wrong name), then approved (exact name)");
show(await call("delete_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "prod", confirmName: "production" }));
show(await call("delete_agent_runtime_endpoint", { agentRuntimeId: id, endpointName: "prod", confirmName: "prod" }));

heading("delete_agent_runtime without the exact name: refused, nothing deleted");
show(await client.callTool({ name: "delete_agent_runtime", arguments: { agentRuntimeId: id, confirmName: "seed" } }));

heading("delete_agent_runtime confirmed by name, waiting until it is gone");
show(
  await client.callTool({
    name: "delete_agent_runtime",
    arguments: { agentRuntimeId: id, confirmName: created.structuredContent?.agentRuntimeName, waitForDeletedSeconds: 20 },
  }),
);

heading("get_agent_runtime after the delete: not found, with a next step");
show(await client.callTool({ name: "get_agent_runtime", arguments: { agentRuntimeId: id } }));

await client.close();
out("\nDemo finished: everything above ran against the embedded emulator (sandbox), not AWS.");
