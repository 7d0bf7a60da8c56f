import type { RetryStrategyV2 } from "@smithy/types";
import { createLazyStart } from "../lazy-start.js";
import type { Logger } from "../log.js";
import type { BoundedHttpHandler } from "./http-handler.js";

/** How every AWS client of the process sends: shared by all regions and services. */
export interface AwsTransportSettings {
  maxAttempts: number;
  attemptTimeoutMs: number;
  maxResponseBytes: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  log: Logger;
}

/** The parts an SDK client is built with. */
export interface TransportParts {
  requestHandler: BoundedHttpHandler;
  retryStrategy: RetryStrategyV2;
}

/** Hands out the shared transport parts, loading the SDK's HTTP and retry code on first use. */
export interface AwsTransport {
  parts(): Promise<TransportParts>;
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

/**
 * Creates the transport every SDK client of the app shares: one request handler (so one pool of
 * kept-alive connections, whatever the number of regional clients) and one retry strategy (so
 * one retry-token bucket, as the standard mode intends: a storm in one region drains it for all).
 * Nothing is loaded until the first call.
 */
export function createAwsTransport(settings: AwsTransportSettings): AwsTransport {
  const parts = createLazyStart(async (): Promise<TransportParts> => {
    const [{ BoundedHttpHandler: Handler }, { createRetryStrategy }] = await Promise.all([
      import("./http-handler.js"),
      import("./retry-strategy.js"),
    ]);
    const { log } = settings;
    return {
      requestHandler: new Handler({
        maxResponseBytes: settings.maxResponseBytes,
        attemptTimeoutMs: settings.attemptTimeoutMs,
        // The SDK's own warnings (socket pool pressure and the like) go to our stderr log.
        logger: {
          trace: () => undefined,
          debug: (...content: unknown[]) => log.debug(content.map(String).join(" ")),
          info: (...content: unknown[]) => log.info(content.map(String).join(" ")),
          warn: (...content: unknown[]) => log.warn(content.map(String).join(" ")),
          error: (...content: unknown[]) => log.error(content.map(String).join(" ")),
        },
      }),
      retryStrategy: createRetryStrategy({
        maxAttempts: settings.maxAttempts,
        random: settings.random,
        sleep: settings.sleep,
        onRetry: (retry) => log.info("retrying", { attempt: retry.attempt, code: retry.code, delayMs: retry.delayMs }),
      }),
    };
  });
  return {
    parts: () => parts.get(),
    async close() {
      const started = await parts.peek()?.catch(() => undefined);
      started?.requestHandler.destroy();
    },
  };
}
