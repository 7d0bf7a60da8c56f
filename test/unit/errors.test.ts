import { ThrottlingException, ValidationException } from "@aws-sdk/client-bedrock-agentcore-control";
import { describe, expect, it } from "vitest";
import { redact } from "../../src/aws/call-failure.js";
import { callSdk, failureFromSdkError } from "../../src/aws/sdk-call.js";

const live = new AbortController().signal;
const metadata = { httpStatusCode: 400, requestId: "req-1", attempts: 1 };

describe("SDK errors as our failures", () => {
  it("takes the code from the error name, and status, request id, attempts, fieldList and reason from the SDK", () => {
    const error = new ValidationException({
      message: "1 validation error detected",
      reason: "FieldValidationFailed",
      fieldList: [{ name: "roleArn", message: "bad" }],
      $metadata: metadata,
    });
    expect(failureFromSdkError(error, live)).toEqual({
      code: "ValidationException",
      message: "1 validation error detected",
      status: 400,
      requestId: "req-1",
      retryable: false,
      attempts: 1,
      fieldList: [{ name: "roleArn", message: "bad" }],
      reason: "FieldValidationFailed",
    });
  });

  it("marks throttling and 5xx as retryable by the SDK's own classifiers", () => {
    const throttled = new ThrottlingException({ message: "slow down", $metadata: { httpStatusCode: 429, attempts: 5 } });
    expect(failureFromSdkError(throttled, live)).toMatchObject({ code: "ThrottlingException", retryable: true, attempts: 5 });
    const unmodelled = Object.assign(new Error("UnknownError"), {
      name: "NotImplemented",
      $fault: "server",
      $metadata: { httpStatusCode: 501 },
    });
    expect(failureFromSdkError(unmodelled, live)).toMatchObject({
      code: "NotImplemented",
      message: "the service answered HTTP 501",
      retryable: false,
    });
  });

  it("tells resets (which the SDK's handler also names TimeoutError) from time-outs", () => {
    const reset = Object.assign(new Error("socket hang up"), { name: "TimeoutError", code: "ECONNRESET", $metadata: { attempts: 3 } });
    expect(failureFromSdkError(reset, live)).toMatchObject({ code: "NetworkError", message: "network error: ECONNRESET", attempts: 3 });
    const timeout = Object.assign(new Error("exceeded"), { name: "TimeoutError", code: "ETIMEDOUT", $metadata: {} });
    expect(failureFromSdkError(timeout, live)).toMatchObject({ code: "TimeoutError", retryable: true });
  });

  it("reports an abort as Cancelled, or DeadlineExceeded when the time budget fired", () => {
    const aborted = Object.assign(new Error("Request aborted"), { name: "AbortError", $metadata: {} });
    const cancelled = new AbortController();
    cancelled.abort();
    expect(failureFromSdkError(aborted, cancelled.signal)).toMatchObject({ code: "Cancelled" });
    expect(failureFromSdkError(aborted, AbortSignal.abort(new DOMException("late", "TimeoutError")))).toMatchObject({
      code: "DeadlineExceeded",
      message: "the call's time budget ran out before an answer came",
    });
  });

  it("lets a bug through as an exception instead of reporting it as a network problem", () => {
    expect(() => failureFromSdkError(new TypeError("x is not a function"), live)).toThrow(TypeError);
  });

  it("cuts sensitive values out of failure messages and field lists", async () => {
    const secret = 'canary "quoted" \\ back\nline';
    const outcome = await callSdk(
      () =>
        Promise.reject(
          new ValidationException({
            message: `echo ${JSON.stringify({ description: secret })}`,
            reason: "FieldValidationFailed",
            fieldList: [{ name: "description", message: `bad ${secret}` }],
            $metadata: metadata,
          }),
        ),
      { sensitiveValues: [secret] },
    );
    expect(outcome).toMatchObject({
      ok: false,
      failure: { message: 'echo {"description":"[redacted]"}', fieldList: [{ name: "description", message: "bad [redacted]" }] },
    });
  });
});

describe("redaction", () => {
  it("cuts sensitive values out of echoed messages, raw or JSON-escaped", () => {
    const secret = 'canary "quoted" \\ back\nline';
    const echoedBody = JSON.stringify({ description: secret });
    expect(redact(`raw ${secret} and echoed ${echoedBody}`, [secret])).toBe('raw [redacted] and echoed {"description":"[redacted]"}');
  });

  it("cuts a sensitive value of any length, a short one wherever it stands alone", () => {
    expect(redact("Value 'k9' at 'environmentVariables.K' failed", ["k9"])).toBe("Value '[redacted]' at 'environmentVariables.K' failed");
    expect(redact('{"K":"x"} and x.', ["x"])).toBe('{"K":"[redacted]"} and [redacted].');
    // Inside a word it is not an echo of the value.
    expect(redact("syntax error", ["x"])).toBe("syntax error");
  });

  it("bounds a message's length", () => {
    expect(redact("x".repeat(5000), []).length).toBeLessThanOrEqual(1001);
  });
});
