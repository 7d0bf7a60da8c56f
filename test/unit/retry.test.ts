import { INITIAL_RETRY_TOKENS, Retry } from "@smithy/core/retry";
import type { RetryErrorInfo, SdkError, StandardRetryToken } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { createRetryStrategy } from "../../src/aws/retry-strategy.js";

function strategy(maxAttempts = 3, random = () => 0.5) {
  const sleeps: number[] = [];
  const retry = createRetryStrategy({
    maxAttempts,
    random,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  return { retry, sleeps };
}

const transient: RetryErrorInfo = { errorType: "TRANSIENT" };
const throttled: RetryErrorInfo = { errorType: "THROTTLING" };

async function retriesUntilRefused(retry: ReturnType<typeof strategy>["retry"], info: RetryErrorInfo): Promise<number> {
  let token = (await retry.acquireInitialRetryToken("")) as StandardRetryToken;
  let retries = 0;
  for (;;) {
    try {
      token = (await retry.refreshRetryTokenForRetry(token, info)) as StandardRetryToken;
      retries += 1;
    } catch {
      return retries;
    }
  }
}

describe("retry strategy (the SDK's standard mode, waiting through an injected sleep)", () => {
  it("retries transient errors until maxAttempts, with the SDK's full-jitter backoff from 50 ms", async () => {
    const { retry, sleeps } = strategy(4, () => 0.999);
    expect(await retriesUntilRefused(retry, transient)).toBe(3);
    expect(sleeps).toEqual([49, 99, 199]);
  });

  it("backs off from 1 s when throttled", async () => {
    const { retry, sleeps } = strategy(3, () => 0.5);
    expect(await retriesUntilRefused(retry, throttled)).toBe(2);
    expect(sleeps).toEqual([Retry.throttlingDelay() / 2, Retry.throttlingDelay()]);
  });

  it("never retries client errors", async () => {
    const { retry, sleeps } = strategy();
    expect(await retriesUntilRefused(retry, { errorType: "CLIENT_ERROR" })).toBe(0);
    expect(sleeps).toEqual([]);
  });

  it("retries a success whose body could not be read, but not an answer over the size cap", async () => {
    const { retry } = strategy(2);
    const unreadable: SdkError = { name: "SyntaxError", message: "Unexpected token", $response: { statusCode: 202, headers: {} } };
    expect(await retriesUntilRefused(retry, { errorType: "CLIENT_ERROR", error: unreadable })).toBe(1);
    const tooLarge: SdkError = { name: "ResponseTooLarge", message: "answer larger", $response: { statusCode: 200, headers: {} } };
    expect(await retriesUntilRefused(retry, { errorType: "CLIENT_ERROR", error: tooLarge })).toBe(0);
  });

  it("lets retry-after raise the delay, at most 5 s beyond the backoff", async () => {
    const { retry, sleeps } = strategy(3, () => 0);
    const token = (await retry.acquireInitialRetryToken("")) as StandardRetryToken;
    await retry.refreshRetryTokenForRetry(token, { ...throttled, retryAfterHint: new Date(Date.now() + 3_600_000) });
    expect(sleeps).toEqual([5000]);
  });

  it("stops retry storms with one token bucket shared by every call", async () => {
    const { retry } = strategy(1000);
    const budget = Math.floor(INITIAL_RETRY_TOKENS / Retry.cost());
    expect(await retriesUntilRefused(retry, transient)).toBe(budget);
    expect(await retriesUntilRefused(retry, transient)).toBe(0);
  });
});
