import { describe, expect, it } from "vitest";
import { parseErrorAnswer, redact, remedyFor } from "../../src/agentcore/errors.js";

describe("AWS error parsing", () => {
  it("takes the code from X-Amzn-Errortype without its URI suffix, and the message and fieldList from the body", () => {
    const parsed = parseErrorAnswer(
      {
        status: 400,
        headers: { "x-amzn-errortype": "ValidationException:http://internal.amazon.com/coral/com.amazonaws.bedrockagentcore/" },
        body: JSON.stringify({ message: "1 validation error detected", reason: "FieldValidationFailed", fieldList: [{ name: "roleArn", message: "bad" }] }),
      },
    );
    expect(parsed).toEqual({ code: "ValidationException", message: "1 validation error detected", fieldList: [{ name: "roleArn", message: "bad" }] });
  });

  it("falls back to the body's __type (namespace stripped), then to the HTTP status", () => {
    expect(parseErrorAnswer({ status: 409, headers: {}, body: '{"__type":"com.amazon#ConflictException","Message":"taken"}' })).toEqual({
      code: "ConflictException",
      message: "taken",
    });
    expect(parseErrorAnswer({ status: 502, headers: {}, body: "<html>bad gateway</html>" })).toEqual({
      code: "HTTP502",
      message: "the service answered HTTP 502",
    });
  });

  it("cuts sensitive values out of echoed messages, raw or JSON-escaped", () => {
    const secret = 'canary "quoted" \\ back\nline';
    const echoedBody = JSON.stringify({ description: secret });
    expect(redact(`raw ${secret} and echoed ${echoedBody}`, [secret])).toBe('raw [redacted] and echoed {"description":"[redacted]"}');
  });

  it("bounds a message's length", () => {
    expect(redact("x".repeat(5000), []).length).toBeLessThanOrEqual(1001);
  });

  it("has a next step for every modelled error", () => {
    for (const code of [
      "ValidationException",
      "ServiceQuotaExceededException",
      "AccessDeniedException",
      "ResourceNotFoundException",
      "ConflictException",
      "ThrottlingException",
      "InternalServerException",
    ]) {
      expect(remedyFor(code)).not.toMatch(/^Check the message above/);
    }
  });
});
