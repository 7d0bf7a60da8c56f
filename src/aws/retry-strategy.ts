import { MAXIMUM_RETRY_DELAY, Retry, StandardRetryStrategy } from "@smithy/core/retry";
import { RESPONSE_TOO_LARGE } from "./http-handler.js";
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from "@smithy/types";

/** What the retry strategy needs from outside: limits, and injected randomness and waiting. */
export interface RetryStrategyOptions {
  maxAttempts: number;
  random: () => number;
  /** Waits between attempts; injected so tests run retries in stepped time. */
  sleep: (ms: number) => Promise<void>;
  /** Called before each backoff, for logging. */
  onRetry?: (retry: { attempt: number; errorType: string; code: string; delayMs: number }) => void;
}

// The SDK's strategy waits inside `refreshRetryTokenForRetry` with a bare setTimeout and draws
// jitter from Math.random; this backoff keeps it from waiting, so the wait happens below with the
// injected sleep and random source.
const NO_WAIT = { computeNextBackoffDelay: () => 0, setDelayBase: () => undefined };

/**
 * The SDK's standard retry mode (`StandardRetryStrategy`: max attempts, the shared retry-token
 * bucket and its costs, the retryable error types) with two changes of ours: the wait goes
 * through an injected clock, and a 2xx answer whose body cannot be read is retried like a
 * transient error (every operation we send is idempotent, create through its clientToken, so
 * asking again is how the lost answer is recovered). The delay is the SDK's formula: full jitter
 * over min(20 s, base·2^retries), base 50 ms (1 s when throttled), raised by a `retry-after`
 * hint up to 5 s beyond it.
 */
export function createRetryStrategy(options: RetryStrategyOptions): RetryStrategyV2 {
  const standard = new StandardRetryStrategy({ maxAttempts: options.maxAttempts, backoff: NO_WAIT });
  return {
    acquireInitialRetryToken: (scope) => standard.acquireInitialRetryToken(scope),
    recordSuccess: (token: StandardRetryToken) => standard.recordSuccess(token),
    async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
      const { retryAfterHint, ...info } = errorInfo;
      const errorType = isUnreadableSuccess(errorInfo) ? "TRANSIENT" : info.errorType;
      const next = await standard.refreshRetryTokenForRetry(token, { ...info, errorType });
      const base = errorType === "THROTTLING" ? Retry.throttlingDelay() : Retry.delay();
      const backoff = Math.floor(options.random() * Math.min(base * 2 ** token.getRetryCount(), MAXIMUM_RETRY_DELAY));
      // The SDK parsed the hint against the real clock, so it is read against the real clock.
      const delayMs =
        retryAfterHint === undefined ? backoff : Math.max(backoff, Math.min(retryAfterHint.getTime() - Date.now(), backoff + 5000));
      options.onRetry?.({ attempt: next.getRetryCount(), errorType, code: errorInfo.error?.name ?? "", delayMs });
      await options.sleep(delayMs);
      return next;
    },
  };
}

/** A success status whose body failed to parse (cut short, not JSON): the call may have taken effect. */
function isUnreadableSuccess(errorInfo: RetryErrorInfo): boolean {
  const error: unknown = errorInfo.error;
  if (error === null || typeof error !== "object" || "$fault" in error) return false;
  if ((error as { name?: unknown }).name === RESPONSE_TOO_LARGE) return false;
  const response = (error as { $response?: { statusCode?: unknown } }).$response;
  return typeof response?.statusCode === "number" && response.statusCode >= 200 && response.statusCode < 300;
}
