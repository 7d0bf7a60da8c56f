import { randomUUID } from "node:crypto";
import type { Server } from "@modelcontextprotocol/server";
import { type ControlPlane, createControlPlane } from "./agentcore/control-plane.js";
import { type CredentialSource, createDefaultCredentialSource, createStaticCredentialSource } from "./aws/credentials.js";
import { readProfileRegion } from "./aws/region.js";
import { createAwsTransport } from "./aws/transport.js";
import { type Config, SANDBOX_DEFAULT_REGION, type ToolGroup } from "./config.js";
import { createConfirmations } from "./confirmation.js";
import type { StateFile } from "./emulator/state-file.js";
import { createLazyStart } from "./lazy-start.js";
import type { Logger } from "./log.js";
import type { PreflightDeps } from "./preflight/index.js";
import { type ToolCatalog, createLazyJsonSchemaValidator, createServer, createToolCatalog } from "./server.js";
import { createAgentRuntimeTool } from "./tools/create-agent-runtime.js";
import { deleteAgentRuntimeTool } from "./tools/delete-agent-runtime.js";
import { getAgentRuntimeTool } from "./tools/get-agent-runtime.js";
import { listAgentRuntimeVersionsTool } from "./tools/list-agent-runtime-versions.js";
import { listAgentRuntimesTool } from "./tools/list-agent-runtimes.js";
import { buildInstructions } from "./instructions.js";
import { sandboxGuide, withSandboxFixes } from "./sandbox-guide.js";
import { type OfferedTools, createMentions, notOfferedMessage } from "./tool-mentions.js";
import type { PreflightRunner } from "./tools/preflight-step.js";
import type { ToolDefinition } from "./tools/tool.js";
import { updateAgentRuntimeTool } from "./tools/update-agent-runtime.js";
import { PRECOMPUTED_SCHEMAS } from "./tools/precomputed-schemas.js";

const CATALOG_ORDER: readonly ToolGroup[] = ["create", "read", "update", "delete"];

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
export interface Target {
  region?: string;
  endpointUrl?: string;
  credentials: CredentialSource;
}

/** A running sandbox emulator, as the control plane needs it. */
export interface SandboxEmulator {
  url: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

/** Starts the embedded emulator; imported lazily, so only sandbox mode pays for it. */
async function startSandboxEmulator(region: string, state: StateFile | undefined): Promise<SandboxEmulator> {
  const { SANDBOX_CREDENTIALS, startEmulator } = await import("./emulator/index.js");
  const emulator = await startEmulator({
    ...(state === undefined ? {} : { persistence: state }),
    host: "127.0.0.1",
    port: 0,
    region,
    // Every region, each with its own runtimes, so a per-call region behaves as it would on AWS.
    regions: "all",
    createDelayMs: SANDBOX_CREATE_DELAY_MS,
    maxRecordedRequests: 0,
    // Made-up role, image and subnet names exist, so a model's first well-formed request goes through.
    openAccount: true,
  });
  return { url: emulator.url, credentials: SANDBOX_CREDENTIALS, close: () => emulator.close() };
}

/**
 * In sandbox mode the emulator starts on the first tool call, not at start-up: listing tools
 * stays as fast as in normal mode, and a Smithery-style synchronous factory stays possible. A
 * failed start is tried again on the next call rather than failing every later call.
 */
export function createSandboxControlPlane(
  build: (target: Target) => ControlPlane,
  region: string | undefined,
  log: Logger,
  start: (region: string) => Promise<SandboxEmulator> = (region) => startSandboxEmulator(region, undefined),
): { controlPlane: ControlPlane; emulator(): Promise<SandboxEmulator>; close(): Promise<void> } {
  const started = createLazyStart(async () => {
    const emulator = await start(region ?? SANDBOX_DEFAULT_REGION);
    log.info("sandbox mode: started the embedded emulator; nothing goes to AWS", { url: emulator.url });
    const plane = build({
      region: region ?? SANDBOX_DEFAULT_REGION,
      endpointUrl: emulator.url,
      credentials: createStaticCredentialSource(emulator.credentials),
    });
    return { plane, emulator };
  });
  return {
    controlPlane: {
      async connect(regionOverride) {
        return (await started.get()).plane.connect(regionOverride);
      },
    },
    emulator: async () => (await started.get()).emulator,
    close: async () => {
      const running = await started.peek()?.catch(() => undefined);
      await running?.emulator.close();
    },
  };
}

/**
 * The pre-flight checks over the sandbox: the emulator answers IAM, STS, ECR, S3 and EC2 too, so
 * the checks run the same SDK calls they make against AWS. Built once the emulator is up.
 */
function createSandboxPreflight(emulator: () => Promise<SandboxEmulator>, settings: Pick<PreflightDeps, "network" | "budgetMs" | "log">): PreflightRunner {
  const runner = createLazyPreflight(async () => {
    const running = await emulator();
    return { credentials: createStaticCredentialSource(running.credentials), endpointUrl: running.url, ...settings };
  });
  // A fix that says "create the repository" cannot be followed in the sandbox; one that names what exists there can.
  return { run: async (input, context) => withSandboxFixes(await runner.run(input, context), sandboxGuide(context.region)) };
}

/** The checks' code loads on the first create or update that runs them, not at start-up. */
function createLazyPreflight(deps: () => Promise<PreflightDeps>): PreflightRunner {
  const preflight = createLazyStart(async () => {
    const [{ createPreflight }, resolved] = await Promise.all([import("./preflight/runner.js"), deps()]);
    return createPreflight(resolved);
  });
  return { run: async (input, context) => (await preflight.get()).run(input, context) };
}

/** The pre-flight runner the change tools get, unless the operator turned the checks off. */
function preflightFor(
  config: Config,
  log: Logger,
  sandbox: { emulator(): Promise<SandboxEmulator> } | undefined,
  credentials: CredentialSource,
  endpointUrl: string | undefined,
): { preflight?: PreflightRunner; preflightByDefault: boolean } {
  if (config.skipPreflight) return { preflightByDefault: false };
  const settings = { network: config.preflightNetwork, budgetMs: config.preflightBudgetMs, log };
  const preflight = sandbox
    ? createSandboxPreflight(() => sandbox.emulator(), settings)
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
  /** Node.js version, for the User-Agent. */
  nodeVersion?: string;
  log: Logger;
  env?: AppEnvironment;
  /** Overrides the AWS provider chain (outside sandbox mode); for embedding and tests. */
  credentials?: CredentialSource;
  /**
   * HMAC key (at least 32 bytes) signing the confirmation state of `--confirm`; random per process
   * when omitted, which only works while one process serves every round of a confirmation.
   */
  stateKey?: string;
  /**
   * One endpoint for every service the pre-flight checks call (outside sandbox mode); for tests
   * against the emulator. Without it each SDK client finds its endpoint as it would on AWS.
   */
  preflightEndpointUrl?: string;
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
      useFips: config.useFips,
      useDualStack: config.useDualStack,
      credentials: target.credentials,
      readProfileRegion,
      transport,
      maxAttempts: config.maxAttempts,
      deadlineMs: config.deadlineMs,
      userAgent: `agentcore-runtime-mcp/${options.version}`,
      log,
    });
  const { sandboxState } = options;
  const sandbox = config.sandbox ? createSandboxControlPlane(build, config.region, log, (region) => startSandboxEmulator(region, sandboxState)) : undefined;
  const credentials = options.credentials ?? createDefaultCredentialSource(config.profile === undefined ? {} : { profile: config.profile });
  const controlPlane =
    sandbox?.controlPlane ??
    build({
      ...(config.region === undefined ? {} : { region: config.region }),
      ...(config.endpointUrl === undefined ? {} : { endpointUrl: config.endpointUrl }),
      credentials,
    });
  const preflightOptions = preflightFor(config, log, sandbox, credentials, options.preflightEndpointUrl);
  // Create and update change a runtime's configuration: the same confirmation, wait cap and checks.
  const changeDeps = {
    controlPlane,
    sandbox: config.sandbox,
    sandboxKept: sandboxState !== undefined,
    confirm: config.confirm,
    maxWaitSeconds: config.maxWaitSeconds,
    newClientToken: env.newClientToken,
    log,
    ...preflightOptions,
  };
  const tools: Record<ToolGroup, ToolDefinition[]> = {
    read: [
      getAgentRuntimeTool({ controlPlane, sandbox: config.sandbox }),
      listAgentRuntimesTool({ controlPlane, sandbox: config.sandbox }),
      listAgentRuntimeVersionsTool({ controlPlane, sandbox: config.sandbox }),
    ],
    create: [createAgentRuntimeTool(changeDeps)],
    update: [updateAgentRuntimeTool(changeDeps)],
    delete: [deleteAgentRuntimeTool({ controlPlane, sandbox: config.sandbox, maxWaitSeconds: config.maxWaitSeconds, newClientToken: env.newClientToken, log })],
  };
  const groups: readonly ToolGroup[] = config.readOnly ? ["read"] : config.tools;
  // Catalog order: the product's main job first, then reading, then the rest of the lifecycle.
  const offered = CATALOG_ORDER.filter((group) => groups.includes(group)).flatMap((group) => tools[group]);
  const offeredTools: OfferedTools = {
    all: CATALOG_ORDER.flatMap((group) => tools[group].map((tool) => ({ name: tool.name, group }))),
    groups: CATALOG_ORDER.filter((group) => groups.includes(group)),
    readOnly: config.readOnly,
  };
  const mentions = createMentions(offeredTools);
  const precomputed = PRECOMPUTED_SCHEMAS?.maxWaitSeconds === config.maxWaitSeconds ? PRECOMPUTED_SCHEMAS.tools : {};
  const catalog = createToolCatalog(config.sandbox ? offered.map(describedAsSandbox) : offered, precomputed, { full: mentions, brief: createMentions(offeredTools, true) });
  const instructions = mentions(
    buildInstructions({
      sandbox: config.sandbox,
      region: options.describedRegion ?? config.region ?? (config.sandbox ? SANDBOX_DEFAULT_REGION : "the profile's region"),
      listed: offered.map((tool) => tool.name),
      tools: offeredTools,
      confirm: config.confirm,
      preflight: !config.skipPreflight && groups.some((group) => group === "create" || group === "update"),
      ...(options.sandboxState === undefined ? {} : { sandboxState: options.sandboxState.path }),
      ...(config.sandbox ? { guide: sandboxGuide(config.region ?? SANDBOX_DEFAULT_REGION) } : {}),
    }),
  );
  const validator = createLazyJsonSchemaValidator();
  const confirmations = createConfirmations({ now: env.now, ...(options.stateKey === undefined ? {} : { key: options.stateKey }) });
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
        notOffered: (name) => notOfferedMessage(name, offeredTools),
      }),
    async close() {
      await transport.close();
      await sandbox?.close();
      // Released last: the emulator saves into it until it has closed.
      sandboxState?.close();
    },
  };
}
