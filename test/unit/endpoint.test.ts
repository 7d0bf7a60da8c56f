import { describe, expect, it } from "vitest";
import { isValidRegion, resolveControlPlaneEndpoint } from "../../src/agentcore/endpoint.js";

const resolve = (region: string, extra: { useFips?: boolean; useDualStack?: boolean; endpointUrl?: string } = {}) =>
  resolveControlPlaneEndpoint({ region, useFips: extra.useFips ?? false, useDualStack: extra.useDualStack ?? false, ...extra }).href;

describe("control-plane endpoint resolution (the service's own rule set)", () => {
  it("resolves commercial, China, GovCloud, FIPS and dual-stack endpoints", () => {
    expect(resolve("us-east-1")).toBe("https://bedrock-agentcore-control.us-east-1.amazonaws.com/");
    expect(resolve("cn-north-1")).toBe("https://bedrock-agentcore-control.cn-north-1.amazonaws.com.cn/");
    expect(resolve("us-gov-west-1", { useFips: true })).toBe("https://bedrock-agentcore-control-fips.us-gov-west-1.amazonaws.com/");
    expect(resolve("eu-west-1", { useDualStack: true })).toBe("https://bedrock-agentcore-control.eu-west-1.api.aws/");
    expect(resolve("us-east-1", { useFips: true, useDualStack: true })).toBe("https://bedrock-agentcore-control-fips.us-east-1.api.aws/");
  });

  it("uses an explicit endpoint as given", () => {
    expect(resolve("us-east-1", { endpointUrl: "http://127.0.0.1:4566" })).toBe("http://127.0.0.1:4566/");
  });

  it("refuses a region that is not a host label before building any URL", () => {
    expect(isValidRegion("us-east-1")).toBe(true);
    expect(isValidRegion("evil.com/x")).toBe(false);
    expect(isValidRegion("")).toBe(false);
    expect(() => resolve("us-east-1.evil.com")).toThrow(/not a valid region/);
  });
});
