import { describe, expect, it } from "vitest";
import { OPTIONS, defaultTextOf, helpText, parseCommandLine } from "../../src/config.js";

function run(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseCommandLine(argv, env);
  if (parsed.kind !== "run") throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed.config;
}

describe("configuration", () => {
  it("has safe defaults: stdio, loopback, 3 attempts, 15 s per attempt, 50 s per call", () => {
    expect(run([])).toMatchObject({
      transport: "stdio",
      host: "127.0.0.1",
      port: 3000,
      maxAttempts: 3,
      attemptTimeoutMs: 15_000,
      deadlineMs: 50_000,
      logLevel: "info",
      sandbox: false,
      useFips: false,
      useDualStack: false,
    });
  });

  it("takes flags over environment over defaults", () => {
    expect(run([], { AWS_REGION: "eu-west-1", AWS_MAX_ATTEMPTS: "5" })).toMatchObject({ region: "eu-west-1", maxAttempts: 5 });
    expect(run(["--region", "ap-south-1"], { AWS_REGION: "eu-west-1" }).region).toBe("ap-south-1");
  });

  it("reads AWS_REGION before AWS_DEFAULT_REGION, as the AWS CLI does", () => {
    expect(run([], { AWS_DEFAULT_REGION: "us-west-2", AWS_REGION: "us-east-2" }).region).toBe("us-east-2");
    expect(run([], { AWS_DEFAULT_REGION: "us-west-2" }).region).toBe("us-west-2");
  });

  it("prefers the service-specific endpoint variable over AWS_ENDPOINT_URL", () => {
    expect(
      run([], { AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: "http://127.0.0.1:2" }).endpointUrl,
    ).toBe("http://127.0.0.1:2");
    expect(run(["--endpoint-url", "http://127.0.0.1:3"], { AWS_ENDPOINT_URL: "http://127.0.0.1:1" }).endpointUrl).toBe("http://127.0.0.1:3");
  });

  it("reads boolean environment values the AWS way", () => {
    expect(run([], { AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "false" })).toMatchObject({ useFips: true, useDualStack: false });
    expect(run(["--sandbox"]).sandbox).toBe(true);
  });

  it("rejects a bad value with one line naming the flag or variable but not the value", () => {
    const parsed = parseCommandLine(["--max-attempts", "0"], {});
    expect(parsed).toEqual({ kind: "error", message: expect.stringContaining("--max-attempts") });
    const secret = parseCommandLine([], { MCP_AUTH_TOKEN: "short-secret" });
    expect(secret.kind).toBe("error");
    expect(JSON.stringify(secret)).toContain("MCP_AUTH_TOKEN");
    expect(JSON.stringify(secret)).not.toContain("short-secret");
  });

  it("rejects unknown flags and stray arguments", () => {
    expect(parseCommandLine(["--nope"], {}).kind).toBe("error");
    expect(parseCommandLine(["extra"], {}).kind).toBe("error");
    expect(parseCommandLine(["--transport", "websocket"], {}).kind).toBe("error");
  });

  it("answers --help with every option and --version", () => {
    const help = parseCommandLine(["--help"], {});
    expect(help.kind).toBe("help");
    for (const option of OPTIONS) expect(helpText()).toContain(`--${option.flag}`);
    expect(parseCommandLine(["--version"], {})).toEqual({ kind: "version" });
  });

  it("states a default for every option", () => {
    expect(defaultTextOf(OPTIONS.find((option) => option.key === "deadlineMs") ?? OPTIONS[0] as (typeof OPTIONS)[number])).toBe("50000");
    for (const option of OPTIONS) expect(defaultTextOf(option)).not.toBe("");
  });

  it("accepts --confirm over stateless HTTP, where input_required needs no session", () => {
    expect(parseCommandLine(["--transport", "http", "--confirm"], {})).toMatchObject({ kind: "run", config: { confirm: true } });
    expect(run(["--confirm"]).confirm).toBe(true);
  });

  it("splits comma lists of allowed hosts", () => {
    expect(run(["--allowed-hosts", "a.example.com, b.example.com"]).allowedHosts).toEqual(["a.example.com", "b.example.com"]);
  });
});
