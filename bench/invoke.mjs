// Invocation overhead: one invoke_agent_runtime tool call over stdio (raw JSON-RPC client) against
// the official SDK's InvokeAgentRuntimeCommand from this process, both to the same emulator and the
// same runtime, alternating call by call so both see the same machine load. Then the first chunk of
// a streamed reply: when the first progress notification reaches the MCP client, against when the
// first chunk of the same stream reaches an SDK caller reading it directly.
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

/** Measures both figures; `emulator` answers the control plane, the data plane and the logs. */
export async function measureInvoke({ bin, env, emulator, credentials, calls, warmup, streams, echoServer }) {
  const options = { endpoint: emulator.url, region: "us-east-1", credentials: { ...credentials }, maxAttempts: 1 };
  const control = new BedrockAgentCoreControlClient(options);
  const data = new BedrockAgentCoreClient(options);
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
  // A one-tool server's echo in the same alternation: what one MCP round trip over stdio costs by itself.
  const echo = startStdioServer(process.execPath, [echoServer], { env });
  const echoes = [];
  const ours = [];
  const theirs = [];
  const oursFirst = [];
  const theirsFirst = [];
  let errors = 0;
  const payload = { prompt: "bench" };
  try {
    await server.initialize();
    await echo.initialize();
    for (let i = 0; i < warmup + calls; i++) {
      const record = i >= warmup;
      let start = performance.now();
      const answer = await server.request("tools/call", {
        name: "invoke_agent_runtime",
        arguments: { agentRuntimeId: arn, runtimeSessionId: SESSION, payload },
      });
      if (answer.message.error || answer.message.result?.isError) {
        errors++;
        if (errors === 1) process.stderr.write(`invoke (MCP): ${JSON.stringify(answer.message.error ?? answer.message.result?.content)}\n`);
      } else if (record) ours.push(performance.now() - start);
      start = performance.now();
      const direct = await data.send(
        new InvokeAgentRuntimeCommand({
          agentRuntimeArn: arn,
          runtimeSessionId: SESSION,
          payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
      );
      JSON.parse((await direct.response?.transformToString()) ?? "");
      if (record) theirs.push(performance.now() - start);
      start = performance.now();
      await echo.request("tools/call", { name: "echo", arguments: { text: "bench" } });
      if (record) echoes.push(performance.now() - start);
    }
    for (let i = 0; i < streams; i++) {
      progressAt = undefined;
      let start = performance.now();
      const answer = await server.request("tools/call", {
        name: "invoke_agent_runtime",
        arguments: { agentRuntimeId: arn, runtimeSessionId: SESSION, payload: "a streamed reply in pieces", stream: true },
        _meta: { progressToken: `stream-${i}` },
      });
      if (progressAt === undefined || answer.message.result?.isError) errors++;
      else oursFirst.push(progressAt - start);
      start = performance.now();
      const direct = await data.send(
        new InvokeAgentRuntimeCommand({
          agentRuntimeArn: arn,
          runtimeSessionId: SESSION,
          accept: "text/event-stream",
          payload: new TextEncoder().encode('"a streamed reply in pieces"'),
        }),
      );
      let first;
      for await (const chunk of direct.response) {
        first ??= performance.now() - start;
        if (chunk.length < 0) break;
      }
      if (first !== undefined) theirsFirst.push(first);
    }
  } finally {
    control.destroy();
    data.destroy();
    await server.close();
    await echo.close();
  }
  return {
    mcpStdio: summarize(ours),
    sdkDirect: summarize(theirs),
    minimalEcho: summarize(echoes),
    firstChunkMcp: summarize(oursFirst),
    firstChunkSdk: summarize(theirsFirst),
    errors,
  };
}
