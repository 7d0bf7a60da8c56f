import { describe, expect, it } from "vitest";
import { backoffDelayMs, classifyFailure, createRetryQuota, isClockSkewCode, parseRetryAfterMs } from "../../src/agentcore/retry.js";

describe("retry policy (AWS SDK standard mode)", () => {
  it.each([
    [{ code: "ThrottlingException", status: 429 }, "throttling"],
    [{ code: "HTTP429", status: 429 }, "throttling"],
    [{ code: "InternalServerException", status: 500 }, "transient"],
    [{ code: "ServiceUnavailable", status: 503 }, "transient"],
    [{ code: "BadGateway", status: 502 }, "transient"],
    [{ code: "GatewayTimeout", status: 504 }, "transient"],
    [{ code: "NetworkError", networkCode: "ECONNRESET" }, "transient"],
    [{ code: "NetworkError", networkCode: "ECONNREFUSED" }, "transient"],
    [{ code: "TimeoutError" }, "timeout"],
    [{ code: "MalformedResponse", status: 202 }, "transient"],
    [{ code: "ValidationException", status: 400 }, "none"],
    [{ code: "ServiceQuotaExceededException", status: 402 }, "none"],
    [{ code: "AccessDeniedException", status: 403 }, "none"],
    [{ code: "ConflictException", status: 409 }, "none"],
    [{ code: "NotImplemented", status: 501 }, "none"],
    [{ code: "ResponseTooLarge" }, "none"],
  ] as const)("classifies %j as %s", (failure, expected) => {
    expect(classifyFailure(failure)).toBe(expected);
  });

  it("treats signature and skew codes as clock-skew candidates", () => {
    expect(isClockSkewCode("InvalidSignatureException")).toBe(true);
    expect(isClockSkewCode("ConflictException")).toBe(false);
  });

  it("draws full-jitter delays within [0, min(20 s, base·2^(n-1)))", () => {
    expect(backoffDelayMs(1, "transient", () => 0.999)).toBe(99);
    expect(backoffDelayMs(2, "transient", () => 0.5)).toBe(100);
    expect(backoffDelayMs(1, "throttling", () => 0.999)).toBe(499);
    expect(backoffDelayMs(3, "throttling", () => 0)).toBe(0);
    expect(backoffDelayMs(30, "transient", () => 0.999999)).toBeLessThanOrEqual(20_000);
  });

  it("lets retry-after raise the delay but never above the 20 s cap", () => {
    expect(backoffDelayMs(1, "throttling", () => 0, 3000)).toBe(3000);
    expect(backoffDelayMs(1, "throttling", () => 0, 90_000)).toBe(20_000);
  });

  it("parses retry-after as seconds or an HTTP date, and ignores anything else", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfterMs("2", now)).toBe(2000);
    expect(parseRetryAfterMs("1.5", now)).toBe(1500);
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs("-1", now)).toBeUndefined();
    expect(parseRetryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });

  it("stops retry storms with a shared token bucket and refills on success", () => {
    const quota = createRetryQuota(12);
    expect(quota.tryAcquire("transient")).toBe(5);
    expect(quota.tryAcquire("transient")).toBe(5);
    expect(quota.tryAcquire("transient")).toBeUndefined();
    quota.release(5);
    expect(quota.available()).toBe(7);
    expect(quota.tryAcquire("timeout")).toBeUndefined();
    quota.release(undefined);
    expect(quota.available()).toBe(8);
  });
});
