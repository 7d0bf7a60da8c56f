import { describe, expect, it } from "vitest";
import { evaluateTrustPolicy } from "../../src/preflight/trust-policy.js";
import type { TrustContext } from "../../src/preflight/trust-policy.js";

const CONTEXT: TrustContext = { partition: "aws", region: "us-east-1", account: "123456789012", runtimeName: "weather_agent" };
const allow = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Effect: "Allow",
  Principal: { Service: "bedrock-agentcore.amazonaws.com" },
  Action: "sts:AssumeRole",
  ...extra,
});
const verdict = (statements: unknown[], context: TrustContext = CONTEXT): string =>
  evaluateTrustPolicy({ Version: "2012-10-17", Statement: statements }, context).kind;

describe("trust policy evaluation", () => {
  it("allows a plain statement for the service, also with the principal in a list or the action as a wildcard", () => {
    expect(verdict([allow()])).toBe("allowed");
    expect(
      verdict([allow({ Principal: { Service: ["ecs-tasks.amazonaws.com", "bedrock-agentcore.amazonaws.com"] }, Action: ["sts:*"] })]),
    ).toBe("allowed");
  });

  it("refuses a policy whose statements name other services or other actions", () => {
    expect(verdict([allow({ Principal: { Service: "lambda.amazonaws.com" } })])).toBe("denied");
    expect(verdict([allow({ Action: "sts:TagSession" })])).toBe("denied");
  });

  it("checks aws:SourceAccount against the caller's account", () => {
    expect(verdict([allow({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })])).toBe("allowed");
    expect(verdict([allow({ Condition: { StringEquals: { "aws:SourceAccount": "999999999999" } } })])).toBe("denied");
  });

  it("leaves aws:SourceAccount undecided when the caller's account is unknown", () => {
    expect(
      verdict([allow({ Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } })], { ...CONTEXT, account: undefined }),
    ).toBe("undecided");
  });

  it("judges aws:SourceArn patterns that do not depend on the runtime id, and leaves the others undecided", () => {
    expect(verdict([allow({ Condition: { ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:*" } } })])).toBe(
      "allowed",
    );
    expect(verdict([allow({ Condition: { ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:eu-west-1:123456789012:*" } } })])).toBe(
      "denied",
    );
    expect(
      verdict([
        allow({
          Condition: { ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/weather_agent-aaaa*" } },
        }),
      ]),
    ).toBe("undecided");
  });

  it("leaves other condition keys and operators undecided, never allowed", () => {
    expect(verdict([allow({ Condition: { StringEquals: { "aws:PrincipalTag/team": "a" } } })])).toBe("undecided");
    expect(verdict([allow({ Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } } })])).toBe("undecided");
  });

  it("lets an unconditional Deny win over an Allow", () => {
    expect(verdict([allow(), { ...allow(), Effect: "Deny" }])).toBe("denied");
  });

  it("lets one allowing statement win over another it cannot judge", () => {
    expect(verdict([allow({ Condition: { StringEquals: { "aws:PrincipalTag/team": "a" } } }), allow()])).toBe("allowed");
  });
});
