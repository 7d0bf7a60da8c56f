import type { Server } from "node:http";
import type { Logger } from "../log.js";

/**
 * What one HTTP server may hold at once, so that no client (or crowd of them) can make it
 * unreachable for the rest: each limit ends in a clear refusal rather than a slow collapse.
 */
export interface HttpLimits {
  /** Open connections; beyond it new ones are closed on arrival. Keep it below the descriptor limit. */
  maxConnections: number;
  /** Tool calls being served; beyond it a call is answered 503 with `Retry-After`. */
  maxCallsInFlight: number;
  /** Time for a client to send a request's headers (a half-sent request holds a connection until then). */
  headersTimeoutMs: number;
  /** Time for a client to send the whole request. */
  requestTimeoutMs: number;
  /** Time an idle keep-alive connection is kept. */
  keepAliveTimeoutMs: number;
}

// Descriptors kept for everything but inbound connections: the AWS SDK's sockets (a call's request
// and its pre-flight checks), the emulator in sandbox mode, files, the event loop's own.
const RESERVED_DESCRIPTORS = 128;

/** The connection limit for a process allowed `descriptorLimit` open files (half of what is left after the reserve). */
export function connectionLimitFor(descriptorLimit: number | undefined): number {
  if (descriptorLimit === undefined || !Number.isFinite(descriptorLimit)) return DEFAULT_HTTP_LIMITS.maxConnections;
  return Math.max(16, Math.min(DEFAULT_HTTP_LIMITS.maxConnections, Math.floor((descriptorLimit - RESERVED_DESCRIPTORS) / 2)));
}

/** Defaults: a 10 s header timeout frees what half-sent requests hold well within a client's retry. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxConnections: 4096,
  maxCallsInFlight: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/**
 * Logs the first event of a burst at once and the rest as one count when the next burst starts,
 * so a flood of refusals is visible without flooding the log.
 */
export function createBurstLog(
  log: Logger,
  message: string,
  quietMs = 10_000,
  now: () => number = Date.now,
): (fields?: Record<string, unknown>) => void {
  let lastLogged = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (fields = {}) => {
    const at = now();
    if (at - lastLogged < quietMs) {
      suppressed += 1;
      return;
    }
    log.warn(message, { ...fields, ...(suppressed > 0 ? { alsoSinceLastLog: suppressed } : {}) });
    lastLogged = at;
    suppressed = 0;
  };
}

/** Applies the connection limits and timeouts to a Node HTTP server. */
export function applyServerLimits(server: Server, limits: HttpLimits, log: Logger): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  const dropped = createBurstLog(log, "refusing connections: the connection limit is reached", 10_000);
  server.on("drop", () => dropped({ maxConnections: limits.maxConnections }));
}

/** Admits tool calls up to a limit; `admit` gives the release function, or undefined when full. */
export interface CallGate {
  admit(): (() => void) | undefined;
  readonly inFlight: number;
}

/** Creates the gate of one HTTP transport. */
export function createCallGate(max: number): CallGate {
  let inFlight = 0;
  return {
    admit() {
      if (inFlight >= max) return undefined;
      inFlight += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
      };
    },
    get inFlight() {
      return inFlight;
    },
  };
}
