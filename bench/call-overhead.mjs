// Call overhead: one create_agent_runtime tool call over stdio (raw JSON-RPC client, no MCP SDK
// client) against the official SDK's CreateAgentRuntimeCommand from this process, both to the
// same in-process emulator, alternating call by call so both see the same machine load.
import { performance } from "node:perf_hooks";
import { BedrockAgentCoreControlClient, CreateAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore-control";
import { MINIMAL_REQUEST } from "../scripts/minimal-create-request.mjs";
import { startStdioServer } from "./stdio-client.mjs";
import { summarize } from "./stats.mjs";

/** The minimal create request with a given runtime name. */
export function createArguments(agentRuntimeName) {
  return { ...MINIMAL_REQUEST, agentRuntimeName };
}

/** Calls a tool over a raw stdio client; throws on a JSON-RPC error or an isError result. */
export async function callTool(server, name, args) {
  const answer = await server.request("tools/call", { name, arguments: args });
  const { error, result } = answer.message;
  if (error) throw new Error(`${name}: JSON-RPC error ${JSON.stringify(error)}`);
  if (result?.isError) throw new Error(`${name}: ${result.content?.[0]?.text ?? "isError"}`);
  return result;
}

/**
 * `baselines` names minimal one-tool servers (script paths) whose `echo` call is timed in the same
 * alternation: the cost of one MCP round trip on the bare SDK, with no AWS call behind it.
 */
export async function measureCallOverhead({ bin, env, emulator, credentials, calls, warmup, onProgress, baselines = {} }) {
  const server = startStdioServer(process.execPath, [bin, "--log-level", "warn"], { env });
  const minimal = Object.entries(baselines).map(([name, script]) => ({
    name,
    server: startStdioServer(process.execPath, [script], { env }),
    samples: [],
  }));
  const sdk = new BedrockAgentCoreControlClient({
    endpoint: emulator.url,
    region: "us-east-1",
    credentials: { ...credentials },
    maxAttempts: 1,
  });
  const ours = [];
  const theirs = [];
  let errors = 0;
  try {
    await server.initialize();
    for (const baseline of minimal) await baseline.server.initialize();
    for (let i = 0; i < warmup + calls; i++) {
      const record = i >= warmup;
      let start = performance.now();
      try {
        await callTool(server, "create_agent_runtime", createArguments(`bench_mcp_${i}`));
        if (record) ours.push(performance.now() - start);
      } catch (error) {
        errors++;
        if (errors === 1) process.stderr.write(`call overhead (MCP): ${error.message}\n`);
      }
      start = performance.now();
      try {
        const created = await sdk.send(new CreateAgentRuntimeCommand(createArguments(`bench_sdk_${i}`)));
        if (!created.agentRuntimeArn) throw new Error("no agentRuntimeArn in the SDK's answer");
        if (record) theirs.push(performance.now() - start);
      } catch (error) {
        errors++;
        if (errors === 1) process.stderr.write(`call overhead (SDK): ${error.message}\n`);
      }
      for (const baseline of minimal) {
        start = performance.now();
        try {
          await callTool(baseline.server, "echo", { text: `bench ${i}` });
          if (record) baseline.samples.push(performance.now() - start);
        } catch (error) {
          errors++;
          if (errors === 1) process.stderr.write(`call overhead (${baseline.name}): ${error.message}\n`);
        }
      }
      if (i % 100 === 99) {
        emulator.clearRequests();
        onProgress?.(i + 1, warmup + calls);
      }
    }
  } finally {
    sdk.destroy();
    await server.close();
    for (const baseline of minimal) await baseline.server.close();
  }
  const echo = Object.fromEntries(minimal.map((baseline) => [baseline.name, summarize(baseline.samples)]));
  return { mcpStdio: summarize(ours), sdkDirect: summarize(theirs), echo, errors };
}
