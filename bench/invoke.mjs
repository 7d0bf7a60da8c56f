// Invocation overhead: one invoke_agent_runtime tool call over stdio (raw JSON-RPC client) against
// the official SDK's InvokeAgentRuntimeCommand from this process, both to the same emulator and the
// same runtime, alternating call by call so both see the same machine load. In the same alternation
// the thinnest MCP server that can invoke at all (one v2 SDK tool around the same command, over
// stdio): what any MCP server pays before doing anything of its own, so our layer can be told apart
// from the protocol's. The emulator's agent answers in about a millisecond, so a second, shorter
// alternation puts a fixed network time in front of it (the latency proxy), as AWS would. Then the
// first chunk of a streamed reply: when the first progress notification reaches the MCP client,
// against when the first chunk of the same stream reaches an SDK caller reading it directly.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { TextEncoder } from "node:util";
import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore";
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { MINIMAL_REQUEST } from "../scripts/minimal-create-request.mjs";
import { startStdioServer } from "./stdio-client.mjs";
import { summarize } from "./stats.mjs";

const SESSION = "bench-invoke-session-000000000000000000001";

/** Calls a tool over a raw stdio client; resolves true on a result that is not an error. */
async function called(server, name, args) {
  const answer = await server.request("tools/call", { name, arguments: args });
  const failed = answer.message.error ?? (answer.message.result?.isError ? answer.message.result.content : undefined);
  if (failed !== undefined) process.stderr.write(`invoke (${name}): ${JSON.stringify(failed).slice(0, 500)}\n`);
  return failed === undefined;
}

/**
 * Measures every figure; `emulator` answers the control plane, the data plane and the logs, and
 * `latency` ({ url, ms }) is a proxy in front of it that holds each request `ms`.
 */
export async function measureInvoke({
  bin,
  env,
  emulator,
  latency,
  credentials,
  calls,
  warmup,
  latencyCalls,
  streams,
  echoServer,
  wrapperServer,
}) {
  const options = { endpoint: emulator.url, region: "us-east-1", credentials: { ...credentials }, maxAttempts: 1 };
  const control = new BedrockAgentCoreControlClient(options);
  const data = new BedrockAgentCoreClient(options);
  const distant = new BedrockAgentCoreClient({ ...options, endpoint: latency.url });
  const created = await control.send(new CreateAgentRuntimeCommand({ ...MINIMAL_REQUEST, agentRuntimeName: "bench_invoked" }));
  const arn = created.agentRuntimeArn ?? "";
  for (
    let polls = 0;
    (await control.send(new GetAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId }))).status !== "READY";
    polls++
  ) {
    if (polls > 50) throw new Error("the bench runtime never became READY");
    await sleep(100);
  }
  let progressAt;
  const server = startStdioServer(process.execPath, [bin, "--tools", "invoke", "--log-level", "warn"], {
    env: { ...env, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: emulator.url },
    onNotification: (message, receivedAt) => {
      if (message.method === "notifications/progress" && progressAt === undefined) progressAt = receivedAt;
    },
  });
  const serverFar = startStdioServer(process.execPath, [bin, "--tools", "invoke", "--log-level", "warn"], {
    env: { ...env, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: latency.url },
  });
  // A one-tool server's echo in the same alternation: what one MCP round trip over stdio costs by itself.
  const echo = startStdioServer(process.execPath, [echoServer], { env });
  const wrapper = startStdioServer(process.execPath, [wrapperServer], {
    env: { ...env, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: emulator.url, AWS_MAX_ATTEMPTS: "1" },
  });
  const echoes = [];
  const ours = [];
  const theirs = [];
  const wrapped = [];
  const oursFar = [];
  const theirsFar = [];
  const oursFirst = [];
  const theirsFirst = [];
  let errors = 0;
  const payload = { prompt: "bench" };
  try {
    await Promise.all([server.initialize(), serverFar.initialize(), echo.initialize(), wrapper.initialize()]);
    const invokeArgs = { agentRuntimeId: arn, runtimeSessionId: SESSION, payload };
    const timed = async (samples, record, run) => {
      const start = performance.now();
      const ok = await run();
      if (!ok) errors++;
      else if (record) samples.push(performance.now() - start);
    };
    const direct = async (client) => {
      const answer = await client.send(
        new InvokeAgentRuntimeCommand({
          agentRuntimeArn: arn,
          runtimeSessionId: SESSION,
          payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
      );
      JSON.parse((await answer.response?.transformToString()) ?? "");
      return true;
    };
    for (let i = 0; i < warmup + calls; i++) {
      const record = i >= warmup;
      await timed(ours, record, () => called(server, "invoke_agent_runtime", invokeArgs));
      await timed(theirs, record, () => direct(data));
      await timed(wrapped, record, () => called(wrapper, "invoke", { agentRuntimeArn: arn, runtimeSessionId: SESSION, payload }));
      await timed(echoes, record, () => called(echo, "echo", { text: "bench" }));
    }
    for (let i = 0; i < 2 + latencyCalls; i++) {
      await timed(oursFar, i >= 2, () => called(serverFar, "invoke_agent_runtime", invokeArgs));
      await timed(theirsFar, i >= 2, () => direct(distant));
    }
    for (let i = 0; i < streams; i++) {
      progressAt = undefined;
      let start = performance.now();
      const answer = await server.request("tools/call", {
        name: "invoke_agent_runtime",
        arguments: { agentRuntimeId: arn, runtimeSessionId: SESSION, payload: "a streamed reply in pieces", stream: true },
        _meta: { progressToken: `stream-${i}` },
      });
      if (progressAt === undefined || answer.message.error || answer.message.result?.isError) errors++;
      else oursFirst.push(progressAt - start);
      start = performance.now();
      const streamed = await data.send(
        new InvokeAgentRuntimeCommand({
          agentRuntimeArn: arn,
          runtimeSessionId: SESSION,
          accept: "text/event-stream",
          payload: new TextEncoder().encode('"a streamed reply in pieces"'),
        }),
      );
      let first;
      for await (const chunk of streamed.response) {
        first ??= performance.now() - start;
        if (chunk.length < 0) break;
      }
      if (first !== undefined) theirsFirst.push(first);
    }
  } finally {
    control.destroy();
    data.destroy();
    distant.destroy();
    await Promise.all([server.close(), serverFar.close(), echo.close(), wrapper.close()]);
  }
  return {
    mcpStdio: summarize(ours),
    sdkDirect: summarize(theirs),
    minimalEcho: summarize(echoes),
    thinnestWrapper: summarize(wrapped),
    latencyMs: latency.ms,
    mcpStdioAtLatency: summarize(oursFar),
    sdkDirectAtLatency: summarize(theirsFar),
    firstChunkMcp: summarize(oursFirst),
    firstChunkSdk: summarize(theirsFirst),
    errors,
  };
}
