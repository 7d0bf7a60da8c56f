import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createClock } from "./clock.js";
import { SANDBOX_CREDENTIALS, indexCredentials } from "./credentials.js";
import type { EmulatorCredential } from "./credentials.js";
import { createFaultPlan } from "./faults.js";
import type { Fault, FaultRule } from "./faults.js";
import type { RecordedRequest } from "./recording.js";
import { createRequestListener } from "./server.js";
import { createRuntimeStore, failRuntimesNamedFail } from "./state.js";
import type { FailureRule, RuntimeView } from "./state.js";

/** How to start an emulator; every member is optional. */
export interface EmulatorOptions {
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** Port; default 0 (any free port, see {@link Emulator.port}). */
  readonly port?: number;
  /** Region written into ARNs; default `us-east-1`. Signatures for any region are accepted. */
  readonly region?: string;
  /** Account written into ARNs; default `123456789012`. */
  readonly accountId?: string;
  /** Accepted keys; default [{@link SANDBOX_CREDENTIALS}]. Keys shaped like real AWS keys make start-up throw. */
  readonly credentials?: readonly EmulatorCredential[];
  /** How long a runtime stays CREATING; default 3000 ms. */
  readonly createDelayMs?: number;
  /** Which creations end in CREATE_FAILED; default {@link failRuntimesNamedFail}. */
  readonly failureRule?: FailureRule;
  /** Runtimes allowed at once before ServiceQuotaExceededException; default 1000. */
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
}

/** A running emulator of the AgentCore control plane. */
export interface Emulator {
  /** `http://host:port`, to pass as the SDK's `endpoint`. */
  readonly url: string;
  /** The interface listened on, as given. */
  readonly host: string;
  /** The port listened on: the one given, or the one the system chose for port 0. */
  readonly port: number;
  /** Every API request received, oldest first (control requests are not recorded). */
  readonly requests: readonly RecordedRequest[];
  /** The runtimes that exist now, with their current status. */
  readonly runtimes: readonly RuntimeView[];
  /** Queues faults, consumed one per API request (a fault with `operation` waits for that operation). */
  inject(faults: Fault | readonly Fault[]): void;
  /** Consulted for every API request the queue does not serve; `undefined` removes it. */
  setFaultRule(rule: FaultRule | undefined): void;
  /** Drops queued faults and the rule. */
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
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  const region = options.region ?? "us-east-1";
  const log = options.log ?? (() => undefined);
  const initialSkew = options.clockSkewMs ?? 0;
  const credentials = indexCredentials(options.credentials ?? [SANDBOX_CREDENTIALS]);
  const clock = createClock(options.now ?? Date.now, initialSkew);
  const store = createRuntimeStore({
    region,
    accountId: options.accountId ?? "123456789012",
    createDelayMs: options.createDelayMs ?? 3000,
    maxRuntimes: options.maxRuntimes ?? 1000,
    failureRule: options.failureRule ?? failRuntimesNamedFail,
    random: options.random ?? Math.random,
  });
  const faults = createFaultPlan();
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  const server = createServer(
    createRequestListener({
      store,
      faults,
      credentials,
      clock,
      requests,
      maxRecordedRequests: options.maxRecordedRequests ?? Number.POSITIVE_INFINITY,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      requestId: options.requestId ?? randomUUID,
      log,
      signal: closing.signal,
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
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (!LOOPBACK.test(host)) log(`warning: the emulator listens on ${host}; its control endpoints are unauthenticated`);
  return {
    url,
    host,
    port,
    requests,
    get runtimes() {
      return store.snapshot(clock.now());
    },
    inject: (fault) => faults.inject(fault),
    setFaultRule: (rule) => faults.setRule(rule),
    clearFaults: () => faults.clear(),
    setClockSkew: (ms) => clock.setSkew(ms),
    clearRequests: () => {
      requests.length = 0;
    },
    reset() {
      store.reset();
      faults.clear();
      requests.length = 0;
      clock.setSkew(initialSkew);
    },
    close() {
      closing.abort();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The line the `emulator` command prints once the emulator is up. */
export function describeListening(emulator: Pick<Emulator, "url">): string {
  return `listening on ${emulator.url}`;
}
