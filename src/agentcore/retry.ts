import {
  DEFAULT_RETRY_DELAY_BASE,
  INITIAL_RETRY_TOKENS,
  MAXIMUM_RETRY_DELAY,
  NO_RETRY_INCREMENT,
  RETRY_COST,
  THROTTLING_RETRY_DELAY_BASE,
  TIMEOUT_RETRY_COST,
  isClockSkewError,
  isThrottlingError,
  isTransientError,
} from "@smithy/core/retry";

/** Why a failed attempt may be tried again, or `none`. */
export type RetryClass = "throttling" | "transient" | "timeout" | "none";

/** What is known of a failed attempt, in the terms the SDK's classifiers read. */
export interface AttemptFailure {
  /** AWS error code (`X-Amzn-Errortype`) or our own failure name. */
  code: string;
  status?: number;
  /** Node.js network error code (ECONNRESET, ...). */
  networkCode?: string;
  message?: string;
}

/**
 * Classifies a failed attempt with the official SDK's own rules (`@smithy/core/retry`): throttling
 * is 429 or a throttling code; transient is 500/502/503/504, resets, refusals and time-outs.
 */
export function classifyFailure(failure: AttemptFailure): RetryClass {
  const sdkShaped = {
    name: failure.code,
    message: failure.message ?? "",
    code: failure.networkCode,
    $metadata: failure.status === undefined ? {} : { httpStatusCode: failure.status },
  };
  if (isThrottlingError(sdkShaped)) return "throttling";
  if (failure.code === "TimeoutError") return "timeout";
  // A garbled success may still have taken effect; every operation we call is idempotent (create
  // through its clientToken), so asking again is how the real answer is recovered.
  if (failure.code === "MalformedResponse") return "transient";
  if (isTransientError(sdkShaped)) return "transient";
  return "none";
}

/** True for the error codes the SDK treats as a sign of a wrong local clock. */
export function isClockSkewCode(code: string): boolean {
  return isClockSkewError({ name: code, message: "", $metadata: {} });
}

/**
 * Full-jitter exponential backoff of the SDK's standard mode: a random delay in
 * [0, min(20 s, base * 2^(attempt-1))), base 500 ms for throttling and 100 ms otherwise. A
 * `retry-after` hint raises the delay (never above the cap); randomness is injected for tests.
 */
export function backoffDelayMs(attempt: number, retryClass: RetryClass, random: () => number, retryAfterMs?: number): number {
  const base = retryClass === "throttling" ? THROTTLING_RETRY_DELAY_BASE : DEFAULT_RETRY_DELAY_BASE;
  const ceiling = Math.min(MAXIMUM_RETRY_DELAY, base * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.min(MAXIMUM_RETRY_DELAY, Math.max(jittered, retryAfterMs ?? 0));
}

/**
 * Parses `retry-after` (delta seconds or an HTTP date) against the injected clock. Written here
 * rather than taken from `@smithy/core/retry` because that parser reads `Date.now()` directly and
 * tests need a fake clock. Returns undefined for anything invalid or negative.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date) || !/GMT$/.test(trimmed)) return undefined;
  const delta = date - nowMs;
  return delta >= 0 ? delta : undefined;
}

/** The SDK's retry quota: a token bucket shared by every call of one client. */
export interface RetryQuota {
  /** Takes the cost of one retry; false when the bucket is too empty (stop retrying). */
  tryAcquire(retryClass: RetryClass): number | undefined;
  /** Returns what a successful call's retries took, or a small bonus after a first-try success. */
  release(acquired: number | undefined): void;
  available(): number;
}

/**
 * Creates the standard-mode retry quota (500 tokens, 5 per retry, 10 per time-out retry), which
 * stops retry storms when the endpoint is down for everybody.
 */
export function createRetryQuota(capacity: number = INITIAL_RETRY_TOKENS): RetryQuota {
  let tokens = capacity;
  return {
    tryAcquire(retryClass) {
      const cost = retryClass === "timeout" ? TIMEOUT_RETRY_COST : RETRY_COST;
      if (tokens < cost) return undefined;
      tokens -= cost;
      return cost;
    },
    release(acquired) {
      tokens = Math.min(capacity, tokens + (acquired ?? NO_RETRY_INCREMENT));
    },
    available: () => tokens,
  };
}
