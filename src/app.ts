import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/server";
import { type ControlPlane, createControlPlane } from "./agentcore/control-plane.js";
import { createMcpOverInvoke } from "./agentcore/mcp-over-invoke.js";
import { type CredentialSource, createDefaultCredentialSource } from "./aws/credentials.js";
import { readProfileRegion } from "./aws/region.js";
import { createAwsTransport } from "./aws/transport.js";
import { type Config, SANDBOX_DEFAULT_REGION } from "./config.js";
import { createConfirmations } from "./confirmation.js";
import type { StateFile } from "./emulator/state-file.js";
import { buildInstructions } from "./instructions.js";
import type { Logger } from "./log.js";
import { createLazyPreflight } from "./preflight/lazy.js";
import { type Sandbox, type Target, createSandboxControlPlane, createSandboxPreflight, startSandboxEmulator } from "./sandbox.js";
import { sandboxGuide } from "./sandbox-guide.js";
import { type ToolCatalog, createLazyJsonSchemaValidator, createServer, createToolCatalog } from "./server.js";
import { TOOLS, type ToolDefinition, type ToolDeps, offeredTools } from "./tools/index.js";
import { type OfferedTools, createMentions, notOfferedMessage } from "./tool-mentions.js";
import { PRECOMPUTED_SCHEMAS } from "./tools/precomputed-schemas.js";

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
/** MCP sessions kept with agents (one per runtime session); the least recently used is initialized again when needed. */
const MAX_MCP_SESSIONS = 256;

/** The pre-flight runner the change tools get, unless the operator turned the checks off. */
function preflightFor(
  config: Config,
  log: Logger,
  sandbox: Sandbox | undefined,
  credentials: CredentialSource,
  endpointUrl: string | undefined,
): Pick<ToolDeps, "preflight" | "preflightByDefault"> {
  if (config.skipPreflight) return { preflightByDefault: false };
  const settings = { network: config.preflightNetwork, budgetMs: config.preflightBudgetMs, log };
  const preflight = sandbox
    ? createSandboxPreflight(sandbox, settings)
    : createLazyPreflight(() => Promise.resolve({ credentials, ...settings, ...(endpointUrl === undefined ? {} : { endpointUrl }) }));
  return { preflight, preflightByDefault: true };
}

/** A tool as the sandbox lists it: its description starts by saying where calls go. */
function describedAsSandbox(tool: ToolDefinition): ToolDefinition {
  return { ...tool, description: `SANDBOX (local emulator; nothing reaches AWS or is billed). ${tool.description}` };
}

/**
 * Assembles the app from a resolved configuration. Nothing here does I/O: AWS credentials load on
 * the first call, and in sandbox mode the emulator (imported lazily) starts on the first call too.
 */
export function createApp(options: {
  config: Config;
  version: string;
  log: Logger;
  env?: AppEnvironment;
  /** Overrides the AWS provider chain (outside sandbox mode); for embedding and tests. */
  credentials?: CredentialSource;
  /**
   * One endpoint for every service the pre-flight checks call (outside sandbox mode); for tests
   * against the emulator. Without it each SDK client finds its endpoint as it would on AWS.
   */
  preflightEndpointUrl?: string;
  /**
   * One endpoint for the data plane and CloudWatch Logs (outside sandbox mode); for tests against
   * the emulator. Without it each SDK client finds its endpoint as it would on AWS.
   */
  servicesEndpointUrl?: string;
  /** The default region as the start-up line says it (with its origin), for the instructions. */
  describedRegion?: string;
  /** Sandbox mode: the opened state file the emulator keeps its state in (released on close); in memory when absent. */
  sandboxState?: StateFile;
}): App {
  const { config, log } = options;
  const env = options.env ?? systemEnvironment();
  const transport = createAwsTransport({
    maxAttempts: config.maxAttempts,
    attemptTimeoutMs: config.attemptTimeoutMs,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    random: env.random,
    sleep: (ms) => env.sleep(ms),
    log,
  });
  const build = (target: Target): ControlPlane =>
    createControlPlane({
      ...(target.region === undefined ? {} : { region: target.region }),
      ...(config.profile === undefined ? {} : { profile: config.profile }),
      ...(target.endpointUrl === undefined ? {} : { endpointUrl: target.endpointUrl }),
      ...(target.servicesEndpointUrl === undefined ? {} : { servicesEndpointUrl: target.servicesEndpointUrl }),
      useFips: config.useFips,
      useDualStack: config.useDualStack,
      credentials: target.credentials,
      readProfileRegion,
      transport,
      maxAttempts: config.maxAttempts,
      userAgent: `agentcore-runtime-mcp/${options.version}`,
      log,
    });
  const { sandboxState } = options;
  const sandbox = config.sandbox
    ? createSandboxControlPlane(build, config.region, log, (region) => startSandboxEmulator(region, sandboxState))
    : undefined;
  const credentials = options.credentials ?? createDefaultCredentialSource(config.profile === undefined ? {} : { profile: config.profile });
  const controlPlane =
    sandbox?.controlPlane ??
    build({
      ...(config.region === undefined ? {} : { region: config.region }),
      ...(config.endpointUrl === undefined ? {} : { endpointUrl: config.endpointUrl }),
      ...(options.servicesEndpointUrl === undefined ? {} : { servicesEndpointUrl: options.servicesEndpointUrl }),
      credentials,
    });
  const preflightOptions = preflightFor(config, log, sandbox, credentials, options.preflightEndpointUrl);
  const deps: ToolDeps = {
    controlPlane,
    sandbox: config.sandbox,
    sandboxKept: sandboxState !== undefined,
    confirm: config.confirm,
    maxWaitSeconds: config.maxWaitSeconds,
    newClientToken: env.newClientToken,
    log,
    ...preflightOptions,
    invocations: {
      mcp: createMcpOverInvoke({ clientInfo: { name: "agentcore-runtime-mcp", version: options.version }, maxSessions: MAX_MCP_SESSIONS }),
      arns: new Map(),
    },
  };
  const groups = config.readOnly ? ["read" as const] : config.tools;
  const offered = offeredTools(groups, deps);
  const offeredSet: OfferedTools = {
    all: TOOLS.map((tool) => ({ name: tool.name, group: tool.group })),
    groups: [...new Set(TOOLS.map((tool) => tool.group))].filter((group) => groups.includes(group)),
    readOnly: config.readOnly,
  };
  const mentions = createMentions(offeredSet);
  const precomputed = PRECOMPUTED_SCHEMAS?.maxWaitSeconds === config.maxWaitSeconds ? PRECOMPUTED_SCHEMAS.tools : {};
  const catalog = createToolCatalog(config.sandbox ? offered.map(describedAsSandbox) : offered, precomputed, {
    full: mentions,
    brief: createMentions(offeredSet, true),
  });
  const instructions = mentions(
    buildInstructions({
      sandbox: config.sandbox,
      region: options.describedRegion ?? config.region ?? (config.sandbox ? SANDBOX_DEFAULT_REGION : "the profile's region"),
      listed: offered.map((tool) => tool.name),
      tools: offeredSet,
      confirm: config.confirm,
      preflight: !config.skipPreflight && groups.some((group) => group === "create" || group === "update"),
      ...(sandboxState === undefined ? {} : { sandboxState: sandboxState.path }),
      ...(config.sandbox ? { guide: sandboxGuide(config.region ?? SANDBOX_DEFAULT_REGION) } : {}),
    }),
  );
  const validator = createLazyJsonSchemaValidator();
  const confirmations = createConfirmations({ now: env.now, ...(config.stateKey === undefined ? {} : { key: config.stateKey }) });
  return {
    catalog,
    createServer: () =>
      createServer({
        catalog,
        version: options.version,
        log,
        validator,
        confirmations,
        calls: { budgetMs: config.deadlineMs, now: env.now, sleep: env.sleep },
        instructions,
        framing: { sandbox: config.sandbox, mentions },
        notOffered: (name) => notOfferedMessage(name, offeredSet),
      }),
    async close() {
      await transport.close();
      await sandbox?.close();
      // Released last: the emulator saves into it until it has closed.
      sandboxState?.close();
    },
  };
}
