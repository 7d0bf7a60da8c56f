// First call after start: how long the first create_agent_runtime takes in a freshly started
// server (the official SDK's lazy chunk, the credential chain and the first connection included),
// against the official SDK's own first CreateAgentRuntimeCommand in a fresh Node process (import,
// client construction and first send), both to the same emulator, rounds alternating.
import { execFile } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { callTool } from "./call-overhead.mjs";
import { startStdioServer } from "./stdio-client.mjs";
import { summarize } from "./stats.mjs";

// Runs in a fresh process: import, construct and send once, as an application would; endpoint,
// region and credentials come from the environment through the SDK's own resolution.
const SDK_SCRIPT = `
const t0 = performance.now();
const { BedrockAgentCoreControlClient, CreateAgentRuntimeCommand } = await import("@aws-sdk/client-bedrock-agentcore-control");
const t1 = performance.now();
const client = new BedrockAgentCoreControlClient({ maxAttempts: 1 });
const out = await client.send(new CreateAgentRuntimeCommand(JSON.parse(process.argv[1])));
const t2 = performance.now();
client.destroy();
if (!out.agentRuntimeArn) throw new Error("no agentRuntimeArn");
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstCallMs: t2 - t0 }));
`;

const root = fileURLToPath(new URL("..", import.meta.url));

function sdkFirstCall(env, args) {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    execFile(process.execPath, ["--input-type=module", "-e", SDK_SCRIPT, JSON.stringify(args)], { env, cwd: root }, (error, stdout) => {
      if (error) {
        reject(error);
        return;
      }
      resolve({ ...JSON.parse(stdout), spawnToAnswerMs: performance.now() - spawnedAt });
    });
  });
}

async function oursFirstCall(bin, env, args) {
  const server = startStdioServer(process.execPath, [bin, "--log-level", "warn"], { env });
  try {
    await server.initialize();
    await server.request("tools/list", {});
    const sentAt = performance.now();
    await callTool(server, "create_agent_runtime", args);
    const answeredAt = performance.now();
    return { firstCallMs: answeredAt - sentAt, spawnToAnswerMs: answeredAt - server.spawnedAt };
  } finally {
    await server.close();
  }
}

/** `rounds` rounds after `warmup` discarded ones; each round runs both, in alternating order. */
export async function measureFirstCall({ bin, env, rounds, warmup, createArguments, onProgress }) {
  const ours = { firstCallMs: [], spawnToAnswerMs: [] };
  const sdk = { firstCallMs: [], importMs: [], spawnToAnswerMs: [] };
  for (let round = 0; round < warmup + rounds; round++) {
    const runs = [
      async () => {
        const r = await oursFirstCall(bin, env, createArguments(`first_mcp_${round}`));
        if (round >= warmup) for (const key of Object.keys(ours)) ours[key].push(r[key]);
      },
      async () => {
        const r = await sdkFirstCall(env, createArguments(`first_sdk_${round}`));
        if (round >= warmup) for (const key of Object.keys(sdk)) sdk[key].push(r[key]);
      },
    ];
    if (round % 2 === 1) runs.reverse();
    for (const run of runs) await run();
    onProgress?.(round + 1, warmup + rounds);
  }
  const summarizeAll = (series) => Object.fromEntries(Object.entries(series).map(([key, values]) => [key, summarize(values)]));
  return { mcpStdio: summarizeAll(ours), sdkFreshProcess: summarizeAll(sdk) };
}
