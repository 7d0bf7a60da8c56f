import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/config.js";
import { describeCredentialSource, describeIgnored, describeStartup, nodeSupportNotice } from "../../src/startup.js";

function resolved(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseCommandLine(argv, env);
  if (parsed.kind !== "run") throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed;
}

const KEYS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

describe("the start-up line", () => {
  it("names version, mode, region and its origin, credential kind and transport", () => {
    const { config, sources } = resolved([], { AWS_REGION: "eu-west-1", ...KEYS });
    const line = describeStartup({ version: "9.9.9", config, sources, env: KEYS });
    expect(line).toBe(
      "agentcore-runtime-mcp 9.9.9: AWS mode (creates billable resources); region eu-west-1 (from AWS_REGION); " +
        "credentials: long-term keys from the environment; tools read,create; confirm off; transport stdio",
    );
    expect(line).not.toContain(KEYS.AWS_ACCESS_KEY_ID);
    expect(line).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
  });

  it("says sandbox, the sandbox region and the address over HTTP", () => {
    const { config, sources } = resolved(["--sandbox", "--transport", "http"]);
    expect(describeStartup({ version: "1.0.0", config, sources, env: KEYS, address: "http://127.0.0.1:3000/mcp" })).toBe(
      "agentcore-runtime-mcp 1.0.0: sandbox mode (embedded emulator, nothing billed); region us-east-1 (sandbox default); " +
        "credentials: the sandbox's own key pair (nothing goes to AWS); tools read,create; confirm off; " +
        "sandbox state in memory (ends with the process); transport http at http://127.0.0.1:3000/mcp",
    );
  });

  it("names the tool groups, read-only, confirm and the sandbox state file", () => {
    const { config, sources } = resolved(["--sandbox", "--read-only", "--confirm", "--sandbox-state", "/tmp/sandbox.json"]);
    const line = describeStartup({ version: "1.0.0", config, sources, env: {} });
    expect(line).toContain("; tools read (read-only); confirm on; sandbox state in /tmp/sandbox.json;");
    expect(describeStartup({ version: "1.0.0", ...resolved(["--tools", "all"]), env: {} })).toContain(
      "; tools read,create,update,delete,invoke,endpoints; confirm off;",
    );
  });

  it("says the region will come from the profile when none is configured", () => {
    const { config, sources } = resolved(["--profile", "dev"]);
    expect(describeStartup({ version: "1.0.0", config, sources, env: {} })).toContain("region the region of profile dev in ~/.aws/config");
  });

  it("names the credential source the SDK's chain will pick, in the chain's order", () => {
    const aws = resolved([]).config;
    expect(describeCredentialSource(resolved(["--profile", "p"]).config, KEYS)).toBe("profile p");
    expect(describeCredentialSource(aws, { ...KEYS, AWS_SESSION_TOKEN: "token" })).toBe("temporary keys from the environment");
    expect(describeCredentialSource(aws, { AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token" })).toContain("web identity");
    expect(describeCredentialSource(aws, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials" })).toBe(
      "the container credentials endpoint",
    );
    expect(describeCredentialSource(aws, { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE" })).toContain("default chain");
  });

  it("reports options the transport ignores, and nothing when there are none", () => {
    expect(describeIgnored(["--host", "MCP_AUTH_TOKEN"], "stdio")).toBe(
      "--host, MCP_AUTH_TOKEN do not apply to the stdio transport and are ignored (HTTP options need --transport http)",
    );
    expect(describeIgnored([], "stdio")).toBeUndefined();
  });

  it("gives a notice on Node.js lines past their end of life only", () => {
    expect(nodeSupportNotice("v20.20.2")).toContain("Node.js v20.20.2 is past its end of life");
    expect(nodeSupportNotice("v22.0.0")).toBeUndefined();
    expect(nodeSupportNotice("v24.11.1")).toBeUndefined();
  });
});
