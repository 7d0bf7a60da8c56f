import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SANDBOX_CREDENTIALS } from "../../src/emulator/index.js";

/** Path of the built bin; the e2e tests run what users run. */
export const BIN = fileURLToPath(new URL("../../dist/agentcore-runtime-mcp.mjs", import.meta.url));

/** Environment for a spawned server: test keys only, no metadata service, nothing inherited. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: "/nonexistent", AWS_EC2_METADATA_DISABLED: "true", ...extra };
}

/**
 * Environment for a spawned server whose control plane is an emulator at `endpoint`, signing with
 * the sandbox's test keys in us-east-1; `extra` comes last and may replace any of them. Pre-flight is
 * off: the emulator stands in for the control plane only here, and the checks have tests of their own.
 */
export function emulatorEnv(endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
  return testEnv({
    AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: endpoint,
    AGENTCORE_MCP_SKIP_PREFLIGHT: "true",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: SANDBOX_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SANDBOX_CREDENTIALS.secretAccessKey,
    ...extra,
  });
}

/** The built bin's `emulator` command, spawned with `args`, and the URL it prints once it listens. */
export function spawnEmulatorCommand(args: readonly string[]): { child: ChildProcessWithoutNullStreams; url: Promise<string> } {
  const child = spawn(process.execPath, [BIN, "emulator", ...args], { env: testEnv(), stdio: ["pipe", "pipe", "pipe"] });
  const url = new Promise<string>((resolve, reject) => {
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  return { child, url };
}
