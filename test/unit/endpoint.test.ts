import { describe, expect, it } from "vitest";
import { type ControlPlaneOptions, MAX_REGIONAL_CLIENTS, createControlPlane, isValidRegion } from "../../src/agentcore/control-plane.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { createAwsTransport } from "../../src/aws/transport.js";
import { createSilentLogger } from "../../src/log.js";

const log = createSilentLogger();
const transport = createAwsTransport({
  maxAttempts: 3,
  attemptTimeoutMs: 1000,
  maxResponseBytes: 1024,
  random: () => 0,
  sleep: () => Promise.resolve(),
  log,
});

function plane(extra: Partial<ControlPlaneOptions> = {}) {
  return createControlPlane({
    useFips: false,
    useDualStack: false,
    credentials: createStaticCredentialSource({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }),
    transport,
    maxAttempts: 3,
    userAgent: "test",
    log,
    readProfileRegion: () => Promise.resolve(undefined),
    ...extra,
  });
}

async function endpointOf(region: string, extra: Partial<ControlPlaneOptions> = {}): Promise<string> {
  const connected = await plane(extra).connect(region);
  if (!connected.ok) throw new Error(connected.failure.message);
  return connected.value.endpoint.href;
}

describe("control-plane endpoints (the SDK's endpoint rules)", () => {
  it("resolves commercial, China, GovCloud, FIPS and dual-stack endpoints", async () => {
    expect(await endpointOf("us-east-1")).toBe("https://bedrock-agentcore-control.us-east-1.amazonaws.com/");
    expect(await endpointOf("cn-north-1")).toBe("https://bedrock-agentcore-control.cn-north-1.amazonaws.com.cn/");
    expect(await endpointOf("us-gov-west-1", { useFips: true })).toBe(
      "https://bedrock-agentcore-control-fips.us-gov-west-1.amazonaws.com/",
    );
    expect(await endpointOf("eu-west-1", { useDualStack: true })).toBe("https://bedrock-agentcore-control.eu-west-1.api.aws/");
    expect(await endpointOf("us-east-1", { useFips: true, useDualStack: true })).toBe(
      "https://bedrock-agentcore-control-fips.us-east-1.api.aws/",
    );
  });

  it("uses an explicit endpoint as given, and refuses FIPS with it as the rules do", async () => {
    expect(await endpointOf("us-east-1", { endpointUrl: "http://127.0.0.1:4566" })).toBe("http://127.0.0.1:4566/");
    const refused = await plane({ endpointUrl: "http://127.0.0.1:4566", useFips: true }).connect("us-east-1");
    expect(refused).toMatchObject({ ok: false, failure: { code: "InvalidEndpoint", message: expect.stringMatching(/FIPS/) } });
  });

  it("refuses a region that is not a host label before building any client", async () => {
    expect(isValidRegion("us-east-1")).toBe(true);
    expect(isValidRegion("evil.com/x")).toBe(false);
    expect(isValidRegion("")).toBe(false);
    expect(await plane().connect("us-east-1.evil.com")).toMatchObject({ ok: false, failure: { code: "InvalidRegion" } });
  });
});

describe("regional client cache", () => {
  it("reuses a region's client and keeps only the most recently used regions", async () => {
    const controlPlane = plane();
    const clientOf = async (region: string) => {
      const connected = await controlPlane.connect(region);
      if (!connected.ok) throw new Error(connected.failure.message);
      return connected.value.client;
    };
    const first = await clientOf("us-east-1");
    expect(await clientOf("us-east-1")).toBe(first);
    const recent = await clientOf("eu-west-1");
    for (let index = 0; index < MAX_REGIONAL_CLIENTS; index += 1) {
      await clientOf(`xx-test-${index}`);
      // eu-west-1 stays in use, so it is never the least recently used one.
      expect(await clientOf("eu-west-1")).toBe(recent);
    }
    expect(await clientOf("eu-west-1")).toBe(recent);
    expect(await clientOf("us-east-1")).not.toBe(first);
  });

  it("builds a region's client again after a failed build instead of keeping the failure", async () => {
    let builds = 0;
    const controlPlane = plane({
      load: async () => {
        builds += 1;
        if (builds === 1) throw Object.assign(new Error("rules refused it"), { name: "EndpointError" });
        return {
          client: {} as never,
          endpoint: new URL("https://example.test/"),
          dataPlane: () => Promise.reject(new Error("unused")),
          logs: () => Promise.reject(new Error("unused")),
        };
      },
    });
    expect(await controlPlane.connect("us-east-1")).toMatchObject({ ok: false, failure: { code: "InvalidEndpoint" } });
    expect(await controlPlane.connect("us-east-1")).toMatchObject({ ok: true });
    expect(builds).toBe(2);
  });
});
