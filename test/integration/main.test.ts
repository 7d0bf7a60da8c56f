// The program run in-process with a process of our own making: exit codes, the lines on stderr,
// stdout, signals and stdio's end, without spawning the bin.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { EXIT_USAGE, type ProgramProcess, main } from "../../src/main.js";
import { VERSION } from "../../src/version.js";

interface FakeProcess extends ProgramProcess {
  stdin: PassThrough;
  out(): string;
  err(): string;
  exited: Promise<number>;
  signal(name: "SIGINT" | "SIGTERM"): void;
}

const running: FakeProcess[] = [];
afterEach(async () => {
  // Whatever a test left running is shut down the way a supervisor would.
  for (const proc of running.splice(0)) {
    proc.signal("SIGTERM");
    proc.stdin.end();
    await proc.exited;
  }
});

function fakeProcess(argv: string[], env: Record<string, string> = {}): FakeProcess {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const handlers = new Map<string, () => void>();
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  return {
    argv,
    env: { AWS_EC2_METADATA_DISABLED: "true", LOG_LEVEL: "warn", ...env },
    stdin: new PassThrough(),
    stdout,
    stderr,
    nodeVersion: "v22.11.0",
    execPath: "/usr/bin/node",
    pid: 4242,
    isAlive: () => false,
    exit: (code) => exit(code),
    onSignal: (name, handler) => handlers.set(name, handler),
    out: () => out,
    err: () => err,
    exited,
    signal: (name) => handlers.get(name)?.(),
  };
}

const lines = (text: string): string[] => text.trim().split("\n");

describe("main() with its process as a parameter", () => {
  it("answers --help on stdout with every option, the state key included, and exits 0", async () => {
    const proc = fakeProcess(["--help"]);
    expect(await main(proc)).toBe(0);
    expect(proc.out()).toContain("--state-key <value>");
    expect(proc.out()).toContain("AGENTCORE_MCP_STATE_KEY");
    expect(proc.err()).toBe("");
  });

  it("answers --version with the version and exits 0", async () => {
    const proc = fakeProcess(["--version"]);
    expect(await main(proc)).toBe(0);
    expect(proc.out()).toBe(`${VERSION}\n`);
  });

  it("exits 2 with one line pointing to --help for an unknown flag", async () => {
    const proc = fakeProcess(["--nope"]);
    expect(await main(proc)).toBe(EXIT_USAGE);
    expect(lines(proc.err())).toEqual([expect.stringMatching(/^agentcore-runtime-mcp: .*--nope.* \(see --help\)$/)]);
    expect(proc.out()).toBe("");
  });

  it("exits 2 with one line that never shows it when the state key is too short, from the variable or the flag", async () => {
    const fromEnv = fakeProcess(["--sandbox"], { AGENTCORE_MCP_STATE_KEY: "short-secret-value" });
    expect(await main(fromEnv)).toBe(EXIT_USAGE);
    expect(lines(fromEnv.err())).toEqual([
      "agentcore-runtime-mcp: AGENTCORE_MCP_STATE_KEY must be at least 32 bytes long (it is not shown)",
    ]);
    const fromFlag = fakeProcess(["--sandbox", "--state-key", "short-secret-value"]);
    expect(await main(fromFlag)).toBe(EXIT_USAGE);
    expect(fromFlag.err()).toContain("--state-key must be at least 32 bytes long");
    expect(fromFlag.err()).not.toContain("short-secret-value");
  });

  it("masks the state key in --print-config and exits 0", async () => {
    const proc = fakeProcess(["--print-config"], { AGENTCORE_MCP_STATE_KEY: "k".repeat(40) });
    expect(await main(proc)).toBe(0);
    expect(JSON.parse(proc.out())).toMatchObject({ stateKey: { value: "(set, masked)", from: "AGENTCORE_MCP_STATE_KEY" } });
    expect(proc.out()).not.toContain("k".repeat(40));
  });

  it("exits 2 naming where the address came from when HTTP would listen beyond loopback without auth", async () => {
    const proc = fakeProcess(["--transport", "http", "--port", "0"], { MCP_HOST: "0.0.0.0" });
    expect(await main(proc)).toBe(EXIT_USAGE);
    expect(lines(proc.err())).toEqual([expect.stringContaining("(the address 0.0.0.0 comes from MCP_HOST)")]);
  });

  it("exits 2 with one line when the port is in use", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const proc = fakeProcess(["--transport", "http", "--sandbox", "--port", String(port)]);
      expect(await main(proc)).toBe(EXIT_USAGE);
      expect(lines(proc.err())).toEqual([
        `agentcore-runtime-mcp: cannot listen: port ${port} (from --port) on 127.0.0.1 is in use by another process; choose another with --host/--port or MCP_HOST/MCP_PORT (port 0 picks a free one)`,
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("serves HTTP until SIGTERM, then exits 0 after a clean drain", async () => {
    const proc = fakeProcess(["--transport", "http", "--sandbox", "--port", "0"]);
    running.push(proc);
    expect(await main(proc)).toBeUndefined();
    expect(proc.err()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    proc.signal("SIGTERM");
    expect(await proc.exited).toBe(0);
  });

  it("serves stdio until the client closes stdin, then exits 0; stdout carries nothing but JSON-RPC", async () => {
    const proc = fakeProcess(["--sandbox"]);
    running.push(proc);
    expect(await main(proc)).toBeUndefined();
    proc.stdin.end();
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toBe("");
  });

  it("runs the emulator command's help and refuses its bad arguments with 2", async () => {
    const help = fakeProcess(["emulator", "--help"]);
    expect(await main(help)).toBe(0);
    expect(help.out()).not.toBe("");
    const bad = fakeProcess(["emulator", "--nope"]);
    expect(await main(bad)).toBe(EXIT_USAGE);
    expect(lines(bad.err())).toEqual([expect.stringMatching(/^agentcore-runtime-mcp emulator: /)]);
  });
});
