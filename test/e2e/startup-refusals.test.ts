import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connectStdioEra } from "../helpers/era-clients.js";
import { BIN, testEnv } from "../helpers/stdio-session.js";

// What calls would refuse, start-up refuses: one line on stderr, exit 2, nothing served.

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: testEnv(env), input: "", timeout: 20_000 });
  return {
    status: child.status,
    lines: child.stderr
      .trim()
      .split("\n")
      .filter((line) => line !== ""),
    stdout: child.stdout,
  };
}

const dir = () => mkdtempSync(join(tmpdir(), "agentcore-startup-"));

describe("start-up refuses what every call would refuse", () => {
  it.each([
    [["--region", "us-east-1a"], {}, '"us-east-1a"'],
    [["--region", "US-EAST-1"], {}, '"US-EAST-1"'],
    [[], { AWS_REGION: "US-EAST-1" }, '"US-EAST-1"'],
    [["--sandbox"], { AWS_REGION: "mars-north-9x" }, '"mars-north-9x"'],
  ])("%j %j: exit 2 naming the region", (args, env, named) => {
    const result = run(args, env);
    expect(result.status).toBe(2);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toContain(named);
    expect(result.lines[0]).toMatch(/must be an AWS region name such as us-east-1/);
  });

  it("token files: missing, empty and short each exit 2 with one line naming the file", () => {
    const folder = dir();
    const empty = join(folder, "empty");
    const short = join(folder, "short");
    writeFileSync(empty, "\n");
    writeFileSync(short, "tooshort\n");
    const http = ["--transport", "http", "--port", "0", "--sandbox"];
    const missing = run([...http, "--auth-token-file", join(folder, "none")]);
    expect(missing).toMatchObject({
      status: 2,
      lines: [`agentcore-runtime-mcp: the auth token file ${join(folder, "none")} (from --auth-token-file) does not exist`],
    });
    const blank = run(http, { MCP_AUTH_TOKEN_FILE: empty });
    expect(blank.status).toBe(2);
    expect(blank.lines).toEqual([expect.stringContaining(`${empty} (from MCP_AUTH_TOKEN_FILE) is empty`)]);
    const tooShort = run([...http, "--auth-token-file", short]);
    expect(tooShort.status).toBe(2);
    expect(tooShort.lines).toEqual([expect.stringContaining("holds a token shorter than 16 characters (it is not shown)")]);
    expect(tooShort.lines[0]).not.toContain("tooshort");
  });

  it("an unresolvable --host exits 2 with one line naming it", () => {
    const result = run(["--transport", "http", "--port", "0", "--sandbox", "--host", "no-such-host.invalid"], {
      MCP_AUTH_TOKEN: "local-test-token-0123456789",
    });
    expect(result.status).toBe(2);
    expect(result.lines).toEqual([
      expect.stringMatching(
        /^agentcore-runtime-mcp: cannot listen: host no-such-host\.invalid \(from --host\) (is not a name this machine can resolve|could not be resolved)/,
      ),
    ]);
  });

  it("--print-config --sandbox shows the region the start-up line shows", () => {
    const result = run(["--print-config", "--sandbox"]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).region).toEqual({ value: "us-east-1", from: "sandbox default" });
  });

  it("--sandbox-state without --sandbox is refused", () => {
    const result = run(["--sandbox-state", join(dir(), "s.json")]);
    expect(result.status).toBe(2);
    expect(result.lines[0]).toContain("--sandbox-state needs --sandbox");
  });
});

describe("--sandbox-state", () => {
  it("a runtime created in one process is READY in the next", async () => {
    const path = join(dir(), "sandbox.json");
    const spawn = { command: process.execPath, args: [BIN, "--sandbox", "--sandbox-state", path], env: testEnv() };
    const first = await connectStdioEra("2025", spawn);
    const created = await first.callTool("create_agent_runtime", {
      agentRuntimeName: "kept_agent",
      agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/kept-agent:latest" } },
      roleArn: "arn:aws:iam::123456789012:role/KeptRole",
      waitForReadySeconds: 10,
    });
    expect(created.structuredContent).toMatchObject({ status: "READY", sandbox: true });
    await first.close();

    const second = await connectStdioEra("2026", spawn);
    const read = await second.callTool("get_agent_runtime", {
      agentRuntimeId: String((created.structuredContent as { agentRuntimeId?: string } | undefined)?.agentRuntimeId),
    });
    expect(read.structuredContent).toMatchObject({ status: "READY", agentRuntimeName: "kept_agent", sandbox: true });
    await second.close();
  }, 30_000);

  it("a damaged file exits 2 with one line naming it, and is left untouched", () => {
    const path = join(dir(), "sandbox.json");
    writeFileSync(path, '{"format": "agentcore-runtime-mcp/emulator-state", "version": 1, "state": {');
    const result = run(["--sandbox", "--sandbox-state", path]);
    expect(result.status).toBe(2);
    expect(result.lines).toEqual([
      `agentcore-runtime-mcp: the sandbox state file ${path} is not valid JSON; it was left as it is (move it away to start empty)`,
    ]);
    expect(readFileSync(path, "utf8")).toBe('{"format": "agentcore-runtime-mcp/emulator-state", "version": 1, "state": {');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("without the option the sandbox starts empty each time", async () => {
    const spawn = { command: process.execPath, args: [BIN, "--sandbox"], env: testEnv() };
    const client = await connectStdioEra("2025", spawn);
    const listed = await client.callTool("list_agent_runtimes", {});
    expect(listed.structuredContent).toMatchObject({ agentRuntimes: [] });
    await client.close();
  });
});
