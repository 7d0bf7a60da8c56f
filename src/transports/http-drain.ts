// Graceful shutdown of the HTTP transport. Written here rather than taken from http-terminator or
// stoppable: since Node 18.2 `http.Server` closes idle and all connections itself, which leaves only
// counting calls in flight and a grace timer — and those libraries keep their own timers (no fake
// clock in tests) and cannot say how many calls a forced close cut off, which decides the exit code.
import type { Server, ServerResponse } from "node:http";
import type { Logger } from "../log.js";

/** How a drain ended. */
export interface DrainReport {
  /** Calls still unanswered when the grace ran out; their connections were closed under them. */
  readonly abandoned: number;
  /** Calls that were in flight when the drain began. */
  readonly inFlightAtStart: number;
}

/** Starts a timer and returns its cancel function; injected so tests run on a fake clock. */
export type SetTimer = (callback: () => void, ms: number) => () => void;

const realTimer: SetTimer = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

/** Admits requests to an HTTP server and drains it. */
export interface HttpDrain {
  /**
   * Counts `res` as a call in flight until it closes; returns false once draining, when the request
   * must be refused instead (the caller answers 503 with `Connection: close`).
   */
  admit(res: ServerResponse): boolean;
  /**
   * Stops accepting connections, lets admitted calls finish for up to `graceMs`, then closes every
   * connection left. Resolves once the server is closed; a second call returns the first one's promise.
   */
  drain(graceMs: number): Promise<DrainReport>;
}

/** Creates the drain of `server`. */
export function createHttpDrain(server: Server, log: Logger, setTimer: SetTimer = realTimer): HttpDrain {
  const inFlight = new Set<ServerResponse>();
  let draining: Promise<DrainReport> | undefined;
  let settled: (() => void) | undefined;

  const finished = (res: ServerResponse): void => {
    inFlight.delete(res);
    if (draining === undefined) return;
    // The connection of an answered call is idle now; a client must not send it another request.
    setImmediate(() => server.closeIdleConnections());
    if (inFlight.size === 0) settled?.();
  };

  const run = async (graceMs: number): Promise<DrainReport> => {
    const inFlightAtStart = inFlight.size;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Answers not begun yet tell the client to open a new connection (to another replica) next time.
    for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    if (inFlight.size > 0) {
      log.info("shutting down: waiting for calls in flight", { calls: inFlight.size, graceMs });
      await new Promise<void>((resolve) => {
        const cancel = setTimer(resolve, graceMs);
        settled = () => {
          cancel();
          resolve();
        };
      });
    }
    const abandoned = inFlight.size;
    if (abandoned > 0) log.error("shutdown grace elapsed: closing connections of unanswered calls", { calls: abandoned, graceMs });
    server.closeAllConnections();
    await closed;
    return { abandoned, inFlightAtStart };
  };

  return {
    admit(res) {
      if (draining !== undefined) return false;
      inFlight.add(res);
      res.once("close", () => finished(res));
      return true;
    },
    drain(graceMs) {
      draining ??= run(graceMs);
      return draining;
    },
  };
}
