import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { type ControlPlane, createControlPlane } from "./agentcore/control-plane.js";
import { createHttpSender } from "./agentcore/http-send.js";
import { createRetryQuota } from "./agentcore/retry.js";
import { createDefaultCredentialSource, createStaticCredentialSource } from "./aws/credentials.js";
import { readProfileRegion } from "./aws/region.js";
import type { CredentialSource } from "./aws/sign.js";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import { type ToolCatalog, createLazyJsonSchemaValidator, createServer, createToolCatalog } from "./server.js";
import { createAgentRuntimeTool } from "./tools/create-agent-runtime.js";
import { deleteAgentRuntimeTool } from "./tools/delete-agent-runtime.js";
import { getAgentRuntimeTool } from "./tools/get-agent-runtime.js";
import { listAgentRuntimeVersionsTool } from "./tools/list-agent-runtime-versions.js";
import { listAgentRuntimesTool } from "./tools/list-agent-runtimes.js";
import { updateAgentRuntimeTool } from "./tools/update-agent-runtime.js";
import { PRECOMPUTED_SCHEMAS } from "./tools/precomputed-schemas.js";

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
/** How long a sandbox runtime stays CREATING: long enough to show a wait, short enough for a demo. */
const SANDBOX_CREATE_DELAY_MS = 3000;

/** What the control plane needs to reach its target: where, as whom, and in which region. */
interface Target {
  region?: string;
  endpointUrl?: string;
  credentials: CredentialSource;
}

/**
 * In sandbox mode the emulator starts on the first tool call, not at start-up: listing tools
 * stays as fast as in normal mode, and a Smithery-style synchronous factory stays possible.
 */
function sandboxControlPlane(build: (target: Target) => ControlPlane, region: string | undefined, log: Logger): {
  controlPlane: ControlPlane;
  close(): Promise<void>;
} {
  let started: Promise<{ plane: ControlPlane; close(): Promise<void> }> | undefined;
  const start = async () => {
    const { SANDBOX_CREDENTIALS, startEmulator } = await import("./emulator/index.js");
    const emulator = await startEmulator({
      host: "127.0.0.1",
      port: 0,
      region: region ?? SANDBOX_DEFAULT_REGION,
      // Every region, each with its own runtimes, so a per-call region behaves as it would on AWS.
      regions: "all",
      createDelayMs: SANDBOX_CREATE_DELAY_MS,
      maxRecordedRequests: 0,
    });
    log.info("sandbox mode: started the embedded emulator; nothing goes to AWS", { url: emulator.url });
    const plane = build({
      region: region ?? SANDBOX_DEFAULT_REGION,
      endpointUrl: emulator.url,
      credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
    });
    return { plane, close: () => emulator.close() };
  };
  return {
    controlPlane: {
      async connect(regionOverride) {
        started ??= start();
        return (await started).plane.connect(regionOverride);
      },
    },
    close: async () => {
      if (started) await (await started).close();
    },
  };
}

/**
 * Assembles the app from a resolved configuration. Nothing here does I/O: AWS credentials load on
 * the first call, and in sandbox mode the emulator (imported lazily) starts on the first call too.
 */
export function createApp(options: {
  config: Config;
  version: string;
  /** Node.js version, for the User-Agent. */
  nodeVersion?: string;
  log: Logger;
  env?: AppEnvironment;
  /** Overrides the AWS provider chain (outside sandbox mode); for embedding and tests. */
  credentials?: CredentialSource;
}): App {
  const { config, log } = options;
  const env = options.env ?? systemEnvironment();
  const sender = createHttpSender({ maxResponseBytes: MAX_RESPONSE_BYTES });
  const quota = createRetryQuota();
  const build = (target: Target): ControlPlane =>
    createControlPlane({
      ...(target.region === undefined ? {} : { region: target.region }),
      ...(config.profile === undefined ? {} : { profile: config.profile }),
      ...(target.endpointUrl === undefined ? {} : { endpointUrl: target.endpointUrl }),
      useFips: config.useFips,
      useDualStack: config.useDualStack,
      credentials: target.credentials,
      readProfileRegion,
      send: sender.send,
      quota,
      maxAttempts: config.maxAttempts,
      attemptTimeoutMs: config.attemptTimeoutMs,
      deadlineMs: config.deadlineMs,
      userAgent: `agentcore-runtime-mcp/${options.version}${options.nodeVersion ? ` node/${options.nodeVersion}` : ""}`,
      log,
      now: env.now,
      random: env.random,
      sleep: env.sleep,
    });
  const sandbox = config.sandbox ? sandboxControlPlane(build, config.region, log) : undefined;
  const controlPlane =
    sandbox?.controlPlane ??
    build({
      ...(config.region === undefined ? {} : { region: config.region }),
      ...(config.endpointUrl === undefined ? {} : { endpointUrl: config.endpointUrl }),
      credentials: options.credentials ?? createDefaultCredentialSource(config.profile === undefined ? {} : { profile: config.profile }),
    });
  const readTools = [
    getAgentRuntimeTool({ controlPlane, sandbox: config.sandbox }),
    listAgentRuntimesTool({ controlPlane, sandbox: config.sandbox }),
    listAgentRuntimeVersionsTool({ controlPlane, sandbox: config.sandbox }),
  ];
  const changeTools = [
    createAgentRuntimeTool({
      controlPlane,
      sandbox: config.sandbox,
      confirm: config.confirm,
      maxWaitSeconds: config.maxWaitSeconds,
      newClientToken: env.newClientToken,
      log,
      preflightByDefault: false,
    }),
    updateAgentRuntimeTool({
      controlPlane,
      sandbox: config.sandbox,
      confirm: config.confirm,
      maxWaitSeconds: config.maxWaitSeconds,
      newClientToken: env.newClientToken,
      log,
      preflightByDefault: false,
    }),
    deleteAgentRuntimeTool({ controlPlane, sandbox: config.sandbox, maxWaitSeconds: config.maxWaitSeconds, newClientToken: env.newClientToken, log }),
  ];
  const precomputed = PRECOMPUTED_SCHEMAS?.maxWaitSeconds === config.maxWaitSeconds ? PRECOMPUTED_SCHEMAS.tools : {};
  const [createTool, ...otherChangeTools] = changeTools;
  const catalog = createToolCatalog(
    config.readOnly ? readTools : [...(createTool ? [createTool] : []), ...readTools, ...otherChangeTools],
    precomputed,
  );
  const validator = createLazyJsonSchemaValidator();
  return {
    catalog,
    createServer: () =>
      createServer({ catalog, version: options.version, log, validator, calls: { budgetMs: config.deadlineMs, now: env.now, sleep: env.sleep } }),
    async close() {
      sender.close();
      await sandbox?.close();
    },
  };
}
