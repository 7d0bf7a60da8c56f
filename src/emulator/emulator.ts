import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createClock } from "./clock.js";
import { createCodeHost } from "./code-host.js";
import { SANDBOX_CREDENTIALS, indexCredentials } from "./credentials.js";
import type { EmulatorCredential } from "./credentials.js";
import { createFaultPlan } from "./faults.js";
import type { Fault, FaultRule } from "./faults.js";
import { failDeletesNamedKeep, failRuntimesNamedFail, failUpdatesToFailingArtifacts } from "./failure-rules.js";
import type { DeleteFailureRule, FailureRule, UpdateFailureRule } from "./failure-rules.js";
import { createHostGuard, isLoopbackBind } from "./host-guard.js";
import type { RecordedRequest } from "./recording.js";
import { createRegionalStores } from "./regional-stores.js";
import type { ServedRegions } from "./regional-stores.js";
import { createRequestListener } from "./server.js";
import { createSandboxAccount } from "./services/fixtures.js";
import type { RuntimeView } from "./state.js";

/** How to start an emulator; every member is optional. */
export interface EmulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** Port; default 0 (any free port, see {@link Emulator.port}). */
  readonly port?: number;
  /** The region served when {@link EmulatorOptions.regions} is not given; default `us-east-1`. */
  readonly region?: string;
  /**
   * The regions answered; default `[region]`. `"all"` answers every validly spelled region name. A
   * request signed for any other region is refused with 403 InvalidSignatureException, as a regional
   * AWS endpoint refuses it. Each region keeps its own runtimes, and ARNs carry the signed region.
   */
  readonly regions?: ServedRegions;
  /**
   * Names besides loopback ones and the bound host that `Host` may carry (`name` or `name:port`),
   * for an emulator reached by another name (a container's, say). Every other `Host` gets 421.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * The token `/__emulator/*` requests must send in `x-emulator-control-token`; default 32 random
   * bytes, base64url. The control endpoints exist only on a loopback bind.
   */
  readonly controlToken?: string;
  /** Drop `Authorization`, `x-amz-security-token` and other secret-bearing headers from records; default false (tests read them). */
  readonly redactRecordedSecrets?: boolean;
  /** Account written into ARNs; default `123456789012`. */
  readonly accountId?: string;
  /** Accepted keys; default [{@link SANDBOX_CREDENTIALS}]. Keys shaped like real AWS keys make start-up throw. */
  readonly credentials?: readonly EmulatorCredential[];
  /** How long a runtime stays CREATING; default 3000 ms. */
  readonly createDelayMs?: number;
  /** How long an update stays UPDATING; default `createDelayMs`. */
  readonly updateDelayMs?: number;
  /** How long a deletion stays DELETING before the runtime is gone (or DELETE_FAILED); default `createDelayMs`. */
  readonly deleteDelayMs?: number;
  /** How long an endpoint stays CREATING or UPDATING; default `updateDelayMs`. */
  readonly endpointDelayMs?: number;
  /** Pause between the events of a stand-in agent's streamed (SSE) answer; default 20 ms. */
  readonly streamIntervalMs?: number;
  /** Which creations end in CREATE_FAILED; default {@link failRuntimesNamedFail}. */
  readonly failureRule?: FailureRule;
  /** Which updates end in UPDATE_FAILED; default {@link failUpdatesToFailingArtifacts}. */
  readonly updateFailureRule?: UpdateFailureRule;
  /** Which deletions end in DELETE_FAILED; default {@link failDeletesNamedKeep}. */
  readonly deleteFailureRule?: DeleteFailureRule;
  /** Runtimes allowed at once per region before ServiceQuotaExceededException; default 1000. */
  readonly maxRuntimes?: number;
  /** The clock, epoch ms; default `Date.now`. */
  readonly now?: () => number;
  /** Uniform in [0, 1) for runtime id suffixes; default `Math.random`. */
  readonly random?: () => number;
  /** Makes the `x-amzn-RequestId` of each answer; default `crypto.randomUUID`. */
  readonly requestId?: () => string;
  /** Receives one line per request and per injected fault; nothing is logged by default. Bodies and secrets are never logged. */
  readonly log?: (line: string) => void;
  /** Largest request body read; larger ones get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** How many recent requests {@link Emulator.requests} keeps; default unlimited (tests read them all). */
  readonly maxRecordedRequests?: number;
  /** Initial clock skew in ms (see {@link Emulator.setClockSkew}); default 0. */
  readonly clockSkewMs?: number;
  /**
   * Whether the account the pre-flight services answer for is open: every role, image, object,
   * subnet and security group that is not a fixture exists as a good one (the sandbox's choice,
   * so that made-up names work). Default false: only the fixtures exist, the rest is not found.
   */
  readonly openAccount?: boolean;
  /**
   * Where the emulator's state outlives it: `initial` (decoded, as {@link checkEmulatorState} accepts
   * it) is restored on start, and `save` receives the whole state after every API request that
   * changed it, before the answer goes out. Default: state lives in memory and ends with the emulator.
   */
  readonly persistence?: EmulatorPersistence;
  /**
   * Host code packages for real: an MCP runtime whose artifact is a `NODE_22` code zip uploaded to the
   * sandbox S3 (PutObject) is unzipped and started with `<node> <entryPoint>` on a loopback port at its
   * first invocation, and its invocations are relayed to the child's POST /mcp. One child per runtime
   * version, a few at once, stopped by StopRuntimeSession and by `close()`. Default: off, stand-in agents answer.
   */
  readonly hostCode?: HostCodeOptions;
}

/** See {@link EmulatorOptions.hostCode}. */
export interface HostCodeOptions {
  /** The Node.js binary that runs the code (the caller's `process.execPath`, say): the emulator reads no process state. */
  readonly node: string;
  /** How long a child may take from unzip to answering GET /ping; default 20000 ms. */
  readonly startTimeoutMs?: number;
}

/** See {@link EmulatorOptions.persistence}. */
export interface EmulatorPersistence {
  readonly initial: unknown;
  /** Called with the state (Maps, Sets and JSON values); it decides whether anything changed. */
  save(state: unknown): void;
}

/** A running emulator of the AgentCore control plane. */
export interface Emulator {
  /** `http://host:port`, to pass as the SDK's `endpoint`. */
  readonly url: string;
  /** The interface listened on, as given. */
  readonly host: string;
  /** The port listened on: the one given, or the one the system chose for port 0. */
  readonly port: number;
  /** The regions answered, as given (default `[region]`). */
  readonly regions: ServedRegions;
  /** The token for `/__emulator/*` (header `x-emulator-control-token`); undefined when the bind is not loopback and they are off. */
  readonly controlToken: string | undefined;
  /** Every API request received, oldest first (control requests are not recorded). */
  readonly requests: readonly RecordedRequest[];
  /** The runtimes that exist now in every region, with their current status. */
  readonly runtimes: readonly RuntimeView[];
  /** Queues faults, consumed one per API request (a fault with `operation` waits for that operation). */
  inject(faults: Fault | readonly Fault[]): void;
  /** Consulted for every API request the queue does not serve; `undefined` removes it. */
  setFaultRule(rule: FaultRule | undefined): void;
  /** Drops queued faults and the rule, and puts the clock skew back to `clockSkewMs`. */
  clearFaults(): void;
  /** Shifts the emulator's clock (signature checks, `Date`, timestamps) by `ms` from now on. */
  setClockSkew(ms: number): void;
  /** Empties {@link Emulator.requests} in place. */
  clearRequests(): void;
  /** Back to the state just after start: no runtimes, tokens, requests or faults; initial skew. */
  reset(): void;
  /** Stops listening and drops every connection, hanging ones included. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  const region = options.region ?? "us-east-1";
  const log = options.log ?? (() => undefined);
  const initialSkew = options.clockSkewMs ?? 0;
  const credentials = indexCredentials(options.credentials ?? [SANDBOX_CREDENTIALS]);
  const clock = createClock(options.now ?? Date.now, initialSkew);
  const regions = options.regions ?? [region];
  const createDelayMs = options.createDelayMs ?? 3000;
  const updateDelayMs = options.updateDelayMs ?? createDelayMs;
  const stores = createRegionalStores(regions, {
    accountId: options.accountId ?? "123456789012",
    createDelayMs,
    updateDelayMs,
    endpointDelayMs: options.endpointDelayMs ?? updateDelayMs,
    deleteDelayMs: options.deleteDelayMs ?? createDelayMs,
    maxRuntimes: options.maxRuntimes ?? 1000,
    failureRule: options.failureRule ?? failRuntimesNamedFail,
    updateFailureRule: options.updateFailureRule ?? failUpdatesToFailingArtifacts,
    deleteFailureRule: options.deleteFailureRule ?? failDeletesNamedKeep,
    random: options.random ?? Math.random,
  });
  if (options.persistence?.initial !== undefined) {
    const misfit = stores.restore(options.persistence.initial);
    if (misfit !== undefined) throw new Error(`The saved emulator state does not fit: ${misfit}`);
  }
  const loopback = isLoopbackBind(host);
  const controlToken = loopback ? (options.controlToken ?? randomBytes(32).toString("base64url")) : undefined;
  const faults = createFaultPlan();
  const clearFaults = (): void => {
    faults.clear();
    clock.setSkew(initialSkew);
  };
  // The guard needs the port, known only once listening; the listener reads it through this holder.
  let hostGuard = createHostGuard(host, options.port ?? 0, options.allowedHosts);
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  const account = createSandboxAccount(options.openAccount ?? false);
  const hosting = options.hostCode;
  const codeHost =
    hosting === undefined
      ? undefined
      : createCodeHost({
          node: hosting.node,
          startTimeoutMs: hosting.startTimeoutMs ?? 20_000,
          readObject: (bucket, key, versionId) => account.objectBytes(bucket, key, versionId),
        });
  const server = createServer(
    createRequestListener({
      stores,
      faults,
      clearFaults,
      get hostGuard() {
        return hostGuard;
      },
      controlToken,
      redactRecordedSecrets: options.redactRecordedSecrets ?? false,
      credentials,
      clock,
      requests,
      maxRecordedRequests: options.maxRecordedRequests ?? Number.POSITIVE_INFINITY,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      requestId: options.requestId ?? randomUUID,
      log,
      signal: closing.signal,
      streamIntervalMs: options.streamIntervalMs ?? 20,
      logsFor: (logRegion) => stores.dataPlane(logRegion).logs,
      account,
      persist: () => options.persistence?.save(stores.data()),
      codeHost,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("The emulator's server has no TCP address");
  const { port } = address;
  hostGuard = createHostGuard(host, port, options.allowedHosts);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (!loopback) log(`warning: the emulator listens on ${host}, beyond this machine; its control endpoints are off`);
  return {
    url,
    host,
    port,
    regions,
    controlToken,
    requests,
    get runtimes() {
      return stores.snapshot(clock.now());
    },
    inject: (fault) => faults.inject(fault),
    setFaultRule: (rule) => faults.setRule(rule),
    clearFaults,
    setClockSkew: (ms) => clock.setSkew(ms),
    clearRequests: () => {
      requests.length = 0;
    },
    reset() {
      stores.reset();
      codeHost?.close();
      clearFaults();
      requests.length = 0;
    },
    close() {
      closing.abort();
      codeHost?.close();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Why `state` (a decoded saved state) cannot be restored, or undefined when it can; changes nothing. */
export function checkEmulatorState(state: unknown): string | undefined {
  const stores = createRegionalStores("all", {
    accountId: "123456789012",
    createDelayMs: 0,
    updateDelayMs: 0,
    endpointDelayMs: 0,
    deleteDelayMs: 0,
    maxRuntimes: 1,
    failureRule: failRuntimesNamedFail,
    updateFailureRule: failUpdatesToFailingArtifacts,
    deleteFailureRule: failDeletesNamedKeep,
    random: () => 0,
  });
  return stores.restore(state);
}

/** The line the `emulator` command prints once the emulator is up. */
export function describeListening(emulator: Pick<Emulator, "url">): string {
  return `listening on ${emulator.url}`;
}

/**
 * The line the `emulator` command prints after {@link describeListening}: the control token that
 * `/__emulator/*` requests need, or undefined when the control endpoints are off.
 */
export function describeControlToken(emulator: Pick<Emulator, "controlToken">): string | undefined {
  return emulator.controlToken === undefined ? undefined : `control token: ${emulator.controlToken}`;
}
