import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterEach } from "vitest";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import { type CallToolResult, ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { type App, type AppEnvironment, createApp } from "../../src/app.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { type Config, parseCommandLine } from "../../src/config.js";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { type Logger, createLogger } from "../../src/log.js";
import { connectInMemory } from "./in-memory.js";

/** The app under test, wired to a fresh emulator over a real loopback socket. */
export interface Stack {
  emulator: Emulator;
  app: App;
  client: Client;
  logs: string[];
  call(args: Record<string, unknown>, options?: RequestOptions): Promise<CallToolResult>;
  get(args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** A clock that only moves when the code under test sleeps: retries are instant and deterministic. */
export function steppingEnvironment(start = Date.now()): AppEnvironment & { sleeps: number[] } {
  let now = start;
  let tokens = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => 0.5,
    newClientToken: () => `generated-token-${String(++tokens).padStart(4, "0")}-0123456789abcdef`,
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(new Error("aborted"));
      sleeps.push(ms);
      // Signing dates have one-second resolution: move at least that far so every retry is signed afresh.
      now += Math.max(ms, 1000);
      return Promise.resolve();
    },
  };
}

/** Resolves a configuration the way the CLI would, from flags alone. */
export function configFrom(argv: string[]): Config {
  const parsed = parseCommandLine(argv, {});
  if (parsed.kind !== "run") throw new Error(`bad test config ${JSON.stringify(parsed)}`);
  return parsed.config;
}

/** Starts an emulator and the app pointed at it, and connects an in-memory MCP client. */
export async function startStack(
  options: {
    argv?: string[];
    emulator?: Parameters<typeof startEmulator>[0];
    env?: AppEnvironment;
    credentials?: boolean;
    /**
     * Runs the pre-flight checks against the emulator's IAM, STS, ECR, S3 and EC2 answers. Off by
     * default here (`--skip-preflight`), so request counts of other tests see only the control plane.
     */
    preflight?: boolean;
    /** Answers elicitation requests; when given, the client declares the elicitation capability. */
    elicit?: (message: string) => { action: "accept" | "decline" | "cancel"; content?: Record<string, unknown> };
  } = {},
): Promise<Stack> {
  const env = options.env ?? steppingEnvironment();
  // One clock for both sides, so signatures verify and CREATING turns READY in stepped time.
  // Every region, as the sandbox does: per-call regions must reach state of their own.
  const emulator = await startEmulator({ port: 0, now: env.now, regions: "all", ...options.emulator });
  const logs: string[] = [];
  const log: Logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const app = createApp({
    config: configFrom([
      "--endpoint-url",
      emulator.url,
      "--region",
      "us-east-1",
      // Every tool: the lifecycle tests drive update and delete too.
      "--tools",
      "all",
      ...(options.preflight === true ? [] : ["--skip-preflight"]),
      ...(options.argv ?? []),
    ]),
    ...(options.preflight === true ? { preflightEndpointUrl: emulator.url } : {}),
    servicesEndpointUrl: emulator.url,
    version: "0.0.0-test",
    log,
    env,
    ...(options.credentials === false
      ? { credentials: () => Promise.reject(new Error("Could not load credentials from any providers")) }
      : { credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS) }),
  });
  const client = await connectInMemory(app.createServer(), options.elicit ? { capabilities: { elicitation: {} } } : {});
  const elicit = options.elicit;
  if (elicit) client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request.params.message));
  // As every real client does first: from then on the SDK holds each result to its outputSchema,
  // so any test whose result strays from the advertised schema fails.
  await client.listTools();
  return {
    emulator,
    app,
    client,
    logs,
    call: (args, callOptions) =>
      client.callTool({ name: "create_agent_runtime", arguments: args }, undefined, callOptions) as Promise<CallToolResult>,
    get: (args) => client.callTool({ name: "get_agent_runtime", arguments: args }) as Promise<CallToolResult>,
    async close() {
      await client.close();
      await app.close();
      await emulator.close();
    },
  };
}

/** The first text item of a result. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first?.type === "text" ? first.text : "";
}

export { MINIMAL_REQUEST } from "./requests.js";

/**
 * Registers an afterEach that closes the stack a test started, and returns the starter: every test
 * file that drives the app against an emulator shares this lifecycle.
 */
export function useStack(): (options?: Parameters<typeof startStack>[0]) => Promise<Stack> {
  let current: Stack | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await startStack(options);
    return current;
  };
}
