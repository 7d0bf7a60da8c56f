// Members AWS sends that the carried model does not know: a real HTTP proxy between the tool and
// the emulator adds them (top-level and nested) to GetAgentRuntime answers, as a newer AWS would,
// and plays that newer AWS for UpdateAgentRuntime, recording the body it receives. The update must
// re-send them unchanged, say so, and a dry run must show them.
import { type IncomingMessage, type Server, type ServerResponse, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { createSilentLogger } from "../../src/log.js";
import { type EraClient, connectEra } from "../helpers/era-clients.js";
import { MINIMAL_REQUEST, configFrom, steppingEnvironment } from "../helpers/stack.js";

const NEWER_TOP_LEVEL = {
  hooksConfiguration: { build: { warmup: { action: { lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:warm" } } } },
  resourceConfigurations: [{ minimumMemoryInMiB: 2048 }],
};
const NEWER_NESTED = { port: 8080, path: "/invocations" };

interface NewerAws {
  url: string;
  updates: Record<string, unknown>[];
  close(): Promise<void>;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A proxy to the emulator that answers like an AWS whose model is newer than ours. */
async function startNewerAws(emulatorPort: () => number): Promise<NewerAws> {
  const updates: Record<string, unknown>[] = [];
  let lastRuntime: Record<string, unknown> = {};
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readAll(req);
      const isRuntime = /^\/runtimes\/[^/]+\/$/.test(req.url?.split("?")[0] ?? "");
      if (req.method === "PUT" && isRuntime) {
        updates.push(JSON.parse(body.toString("utf8")) as Record<string, unknown>);
        const answer = JSON.stringify({
          agentRuntimeArn: lastRuntime["agentRuntimeArn"],
          agentRuntimeId: lastRuntime["agentRuntimeId"],
          agentRuntimeVersion: "2",
          createdAt: lastRuntime["createdAt"],
          lastUpdatedAt: lastRuntime["lastUpdatedAt"],
          status: "UPDATING",
          workloadIdentityDetails: lastRuntime["workloadIdentityDetails"],
        });
        res.writeHead(202, { "content-type": "application/json", "x-amzn-requestid": "newer-aws-request" }).end(answer);
        return;
      }
      const upstream = httpRequest(
        { host: "127.0.0.1", port: emulatorPort(), method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          void (async () => {
            let answerBody = await readAll(answer);
            const headers = { ...answer.headers };
            if (req.method === "GET" && isRuntime && answer.statusCode === 200) {
              const runtime = JSON.parse(answerBody.toString("utf8")) as Record<string, unknown>;
              lastRuntime = runtime;
              const protocol = (runtime["protocolConfiguration"] ?? {}) as Record<string, unknown>;
              answerBody = Buffer.from(
                JSON.stringify({ ...runtime, ...NEWER_TOP_LEVEL, protocolConfiguration: { ...protocol, ...NEWER_NESTED } }),
                "utf8",
              );
              headers["content-length"] = String(answerBody.length);
            }
            res.writeHead(answer.statusCode ?? 502, headers).end(answerBody);
          })();
        },
      );
      upstream.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    updates,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Opened {
  newer: NewerAws;
  emulator: Emulator;
  app: App;
  client: EraClient;
}

// Closed in the order the parts depend on each other: client, app, proxy, emulator.
let started: Opened | undefined;
afterEach(async () => {
  const parts = started;
  started = undefined;
  for (const part of [parts?.client, parts?.app, parts?.newer, parts?.emulator]) await part?.close();
});

async function start(): Promise<Opened & { id: string }> {
  const env = steppingEnvironment();
  let emulatorPort = 0;
  const newer = await startNewerAws(() => emulatorPort);
  const emulator = await startEmulator({ port: 0, now: env.now, createDelayMs: 0, allowedHosts: [new URL(newer.url).host] });
  emulatorPort = emulator.port;
  const app = createApp({
    config: configFrom(["--endpoint-url", newer.url, "--region", "us-east-1", "--skip-preflight", "--tools", "all"]),
    version: "0.0.0-test",
    log: createSilentLogger(),
    env,
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
  });
  const client = await connectEra("2025", () => app.createServer());
  started = { newer, emulator, app, client };
  // After tools/list the client holds every result to its output schema.
  await client.listTools();
  const created = await client.callTool("create_agent_runtime", { ...MINIMAL_REQUEST, protocolConfiguration: { serverProtocol: "HTTP" } });
  expect(created.isError).toBeFalsy();
  return { ...started, id: String((created.structuredContent as Record<string, unknown>)["agentRuntimeId"]) };
}

const CARRIED = ["protocolConfiguration.port", "protocolConfiguration.path", "hooksConfiguration", "resourceConfigurations"];

describe("an update of a runtime whose configuration has members newer than the model", () => {
  it("re-sends them unchanged, top-level and nested, and names them", async () => {
    const { client, newer, id } = await start();
    const result = await client.callTool("update_agent_runtime", { agentRuntimeId: id, description: "new words" });
    expect(result.isError).toBeFalsy();
    expect(newer.updates).toHaveLength(1);
    expect(newer.updates[0]).toMatchObject({
      description: "new words",
      ...NEWER_TOP_LEVEL,
      protocolConfiguration: { serverProtocol: "HTTP", ...NEWER_NESTED },
    });
    const structured = result.structuredContent as { carriedOver?: string[] };
    expect([...(structured.carriedOver ?? [])].sort()).toEqual([...CARRIED].sort());
    const text = result.content[0]?.type === "text" ? result.content[0].text : "";
    expect(text).toContain("Re-sent unchanged (members this server's model does not know)");
  });

  it("shows them in a dry run, sending nothing", async () => {
    const { client, newer, id } = await start();
    const result = await client.callTool("update_agent_runtime", { agentRuntimeId: id, description: "new words", dryRun: true });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as { carriedOver?: string[]; dryRun?: { body?: Record<string, unknown> } };
    expect([...(structured.carriedOver ?? [])].sort()).toEqual([...CARRIED].sort());
    expect(structured.dryRun?.body).toMatchObject({
      ...NEWER_TOP_LEVEL,
      protocolConfiguration: { serverProtocol: "HTTP", ...NEWER_NESTED },
    });
    expect(newer.updates).toHaveLength(0);
  });

  it("lets a member the caller replaces go, and shows what it held", async () => {
    const { client, newer, id } = await start();
    const result = await client.callTool("update_agent_runtime", { agentRuntimeId: id, protocolConfiguration: { serverProtocol: "MCP" } });
    expect(result.isError).toBeFalsy();
    expect(newer.updates[0]?.["protocolConfiguration"]).toEqual({ serverProtocol: "MCP" });
    expect(newer.updates[0]).toMatchObject(NEWER_TOP_LEVEL);
    const structured = result.structuredContent as { changes?: { member: string; from?: unknown }[] };
    expect(structured.changes).toEqual([
      { member: "protocolConfiguration", from: { serverProtocol: "HTTP", ...NEWER_NESTED }, to: { serverProtocol: "MCP" } },
    ]);
  });

  it("shows them in get_agent_runtime", async () => {
    const { client, id } = await start();
    const result = await client.callTool("get_agent_runtime", { agentRuntimeId: id });
    expect((result.structuredContent as { configuration?: Record<string, unknown> }).configuration).toMatchObject({
      ...NEWER_TOP_LEVEL,
      protocolConfiguration: { serverProtocol: "HTTP", ...NEWER_NESTED },
    });
  });
});
