import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { createControlPlane } from "./agentcore/control-plane.js";
import { createHttpSender } from "./agentcore/http-send.js";
import { createRetryQuota } from "./agentcore/retry.js";
import { createDefaultCredentialSource, createStaticCredentialSource } from "./aws/credentials.js";
import { readProfileRegion } from "./aws/region.js";
import type { CredentialSource } from "./aws/sign.js";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import { type ToolCatalog, createServer, createToolCatalog } from "./server.js";
import { createAgentRuntimeTool } from "./tools/create-agent-runtime.js";
import { getAgentRuntimeTool } from "./tools/get-agent-runtime.js";

/** Region used in sandbox mode when none is configured. */
export const SANDBOX_DEFAULT_REGION = "us-east-1";

/** Sources of time and randomness; injected so tests can use fake timers and fixed seeds. */
export interface AppEnvironment {
  now: () => number;
  random: () => number;
  newClientToken: () => string;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The assembled product, independent of any transport. */
export interface App {
  catalog: ToolCatalog;
  /** A fresh MCP server over the shared catalog and clients (one per HTTP request, or one for stdio). */
  createServer(): Server;
  /** URL of the embedded emulator in sandbox mode. */
  sandboxUrl?: string;
  close(): Promise<void>;
}

/** Waits, unless the signal fires first; uses the global timer so fake timers control it. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error("aborted"));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Real time and randomness. */
export function systemEnvironment(): AppEnvironment {
  return { now: Date.now, random: Math.random, newClientToken: randomUUID, sleep: abortableSleep };
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * Assembles the app from a resolved configuration. In sandbox mode it starts the emulator on
 * loopback first (imported lazily: a normal start never loads it) and points the client at it
 * with the emulator's documented sandbox keys.
 */
export async function createApp(options: {
  config: Config;
  version: string;
  /** Node.js version, for the User-Agent. */
  nodeVersion: string;
  log: Logger;
  env?: AppEnvironment;
  /** Overrides the AWS provider chain (outside sandbox mode); for embedding and tests. */
  credentials?: CredentialSource;
}): Promise<App> {
  const { config, log } = options;
  const env = options.env ?? systemEnvironment();
  let region = config.region;
  let endpointUrl = config.endpointUrl;
  let credentials: CredentialSource;
  let closeEmulator: (() => Promise<void>) | undefined;
  let sandboxUrl: string | undefined;
  if (config.sandbox) {
    const { SANDBOX_CREDENTIALS, startEmulator } = await import("./emulator/index.js");
    const emulator = await startEmulator({ host: "127.0.0.1", port: 0, region: region ?? SANDBOX_DEFAULT_REGION, createDelayMs: 3000 });
    closeEmulator = () => emulator.close();
    sandboxUrl = emulator.url;
    endpointUrl = emulator.url;
    region ??= SANDBOX_DEFAULT_REGION;
    credentials = createStaticCredentialSource(SANDBOX_CREDENTIALS);
    log.info("sandbox mode: using the embedded emulator, not AWS", { url: emulator.url });
  } else {
    credentials =
      options.credentials ?? createDefaultCredentialSource(config.profile === undefined ? {} : { profile: config.profile });
  }
  const sender = createHttpSender({ maxResponseBytes: MAX_RESPONSE_BYTES });
  const controlPlane = createControlPlane({
    ...(region === undefined ? {} : { region }),
    ...(config.profile === undefined ? {} : { profile: config.profile }),
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
    useFips: config.useFips,
    useDualStack: config.useDualStack,
    credentials,
    readProfileRegion,
    send: sender.send,
    quota: createRetryQuota(),
    maxAttempts: config.maxAttempts,
    attemptTimeoutMs: config.attemptTimeoutMs,
    deadlineMs: config.deadlineMs,
    userAgent: `agentcore-runtime-mcp/${options.version} node/${options.nodeVersion}`,
    log,
    now: env.now,
    random: env.random,
    sleep: env.sleep,
  });
  const getTool = getAgentRuntimeTool({ controlPlane, sandbox: config.sandbox });
  const catalog = createToolCatalog(
    config.readOnly
      ? [getTool]
      : [
          createAgentRuntimeTool({
            controlPlane,
            sandbox: config.sandbox,
            confirm: config.confirm,
            maxWaitSeconds: config.maxWaitSeconds,
            newClientToken: env.newClientToken,
            now: env.now,
            sleep: env.sleep,
            log,
          }),
          getTool,
        ],
  );
  return {
    catalog,
    createServer: () => createServer({ catalog, version: options.version, log }),
    ...(sandboxUrl === undefined ? {} : { sandboxUrl }),
    async close() {
      sender.close();
      await closeEmulator?.();
    },
  };
}
