import { describe, expect, it } from "vitest";
import { OPTIONS, type ResolvedCommand, defaultTextOf, describeConfig, helpText, parseCommandLine } from "../../src/config.js";

function resolve(argv: string[], env: Record<string, string> = {}): ResolvedCommand {
  const parsed = parseCommandLine(argv, env);
  if (parsed.kind !== "run") throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed;
}

function run(argv: string[], env: Record<string, string> = {}) {
  return resolve(argv, env).config;
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
    expect(run(["--endpoint-url", "http://127.0.0.1:3"], { AWS_ENDPOINT_URL: "http://127.0.0.1:1" }).endpointUrl).toBe(
      "http://127.0.0.1:3",
    );
  });

  it("reads boolean environment values the AWS way", () => {
    expect(run([], { AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "false" })).toMatchObject({
      useFips: true,
      useDualStack: false,
    });
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
    expect(defaultTextOf(OPTIONS.find((option) => option.key === "deadlineMs") ?? (OPTIONS[0] as (typeof OPTIONS)[number]))).toBe("50000");
    for (const option of OPTIONS) expect(defaultTextOf(option)).not.toBe("");
  });

  it("accepts --confirm over stateless HTTP, where input_required needs no session", () => {
    expect(parseCommandLine(["--transport", "http", "--confirm"], {})).toMatchObject({ kind: "run", config: { confirm: true } });
    expect(run(["--confirm"]).confirm).toBe(true);
  });

  it("splits comma lists of allowed hosts", () => {
    expect(run(["--allowed-hosts", "a.example.com, b.example.com"]).allowedHosts).toEqual(["a.example.com", "b.example.com"]);
  });

  it("binds where --host/--port or MCP_HOST/MCP_PORT say, and never where HOST says", () => {
    expect(run(["--transport", "http"], { HOST: "myhostname" }).host).toBe("127.0.0.1");
    expect(resolve(["--transport", "http"], { MCP_HOST: "::1", MCP_PORT: "8123" })).toMatchObject({
      config: { host: "::1", port: 8123 },
      sources: { host: "MCP_HOST", port: "MCP_PORT" },
    });
    expect(run(["--transport", "http", "--port", "9"], { MCP_PORT: "8123" }).port).toBe(9);
  });

  it("reads a hosting platform's PORT last and only with the HTTP transport", () => {
    expect(resolve(["--transport", "http"], { PORT: "8000" })).toMatchObject({ config: { port: 8000 }, sources: { port: "PORT" } });
    expect(resolve([], { MCP_TRANSPORT: "http", PORT: "8000" }).config.port).toBe(8000);
    expect(run(["--transport", "http"], { PORT: "8000", MCP_PORT: "8001" }).port).toBe(8001);
    // A stdio server ignores PORT entirely: even a value that is no port does not stop it.
    expect(resolve([], { PORT: "not-a-port" })).toMatchObject({ config: { port: 3000 }, ignored: [] });
  });

  it("lists the HTTP options set for a stdio server, by flag or variable name", () => {
    expect(resolve(["--host", "0.0.0.0"], { MCP_AUTH_TOKEN: "a-token-of-enough-length" }).ignored).toEqual(["--host", "MCP_AUTH_TOKEN"]);
    expect(resolve(["--transport", "http", "--host", "0.0.0.0", "--allow-unauthenticated"]).ignored).toEqual([]);
    expect(resolve(["--sandbox"]).ignored).toEqual([]);
  });

  it("refuses a partial JWT configuration over HTTP, naming what is missing", () => {
    const partial = parseCommandLine(
      ["--transport", "http", "--jwt-issuer", "https://issuer.example", "--jwt-jwks-url", "https://issuer.example/jwks"],
      {},
    );
    expect(partial).toEqual({ kind: "error", message: expect.stringContaining("missing --jwt-audience (MCP_JWT_AUDIENCE)") });
    const onlyAudience = parseCommandLine(["--transport", "http"], { MCP_JWT_AUDIENCE: "api" });
    expect(onlyAudience).toEqual({
      kind: "error",
      message: expect.stringMatching(/MCP_JWT_AUDIENCE given, missing --jwt-issuer .* and --jwt-jwks-url/),
    });
    const complete = ["--jwt-issuer", "https://issuer.example", "--jwt-audience", "api", "--jwt-jwks-url", "https://issuer.example/jwks"];
    expect(run(["--transport", "http", ...complete]).jwtAudience).toBe("api");
  });

  it("answers --print-config with every option, its origin, and secrets masked", () => {
    const parsed = parseCommandLine(["--print-config", "--transport", "http", "--auth-token", "a-token-of-enough-length"], {
      AWS_REGION: "eu-west-1",
    });
    if (parsed.kind !== "print-config") throw new Error(`expected print-config, got ${parsed.kind}`);
    const shown = describeConfig(parsed);
    expect(Object.keys(shown)).toEqual(OPTIONS.map((option) => option.key));
    expect(shown.region).toEqual({ value: "eu-west-1", from: "AWS_REGION" });
    expect(shown.transport).toEqual({ value: "http", from: "--transport" });
    expect(shown.port).toEqual({ value: 3000, from: "default" });
    expect(shown.authToken).toEqual({ value: "(set, masked)", from: "--auth-token" });
    expect(JSON.stringify(shown)).not.toContain("a-token-of-enough-length");
  });

  it("masks the password of every URL it prints", () => {
    const parsed = parseCommandLine(
      [
        "--print-config",
        "--transport",
        "http",
        "--endpoint-url",
        "https://ops:endpoint-pass@proxy.example.com:8443/",
        "--jwt-jwks-url",
        "https://svc:jwks-pass@idp.example.com/jwks.json",
        "--jwt-issuer",
        "https://idp.example.com",
        "--jwt-audience",
        "mcp",
      ],
      {},
    );
    if (parsed.kind !== "print-config") throw new Error(`expected print-config, got ${parsed.kind}`);
    const shown = describeConfig(parsed);
    expect(shown.endpointUrl?.value).toBe("https://ops:***@proxy.example.com:8443/");
    expect(shown.jwtJwksUrl?.value).toBe("https://svc:***@idp.example.com/jwks.json");
    expect(JSON.stringify(shown)).not.toMatch(/endpoint-pass|jwks-pass/);
  });
});
