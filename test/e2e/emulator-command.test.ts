import { spawn } from "node:child_process";
import { BedrockAgentCoreControlClient, GetAgentRuntimeCommand } from "@aws-sdk/client-bedrock-agentcore-control";
import { describe, expect, it } from "vitest";
import { BIN, spawnEmulatorCommand, testEnv } from "../helpers/stdio-session.js";

describe("agentcore-runtime-mcp emulator", () => {
  it("prints its URL when ready, serves the official SDK, and exits 0 on SIGTERM", async () => {
    const { child, url: listening } = spawnEmulatorCommand(["--port", "0"]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const url = await listening;
    const sdk = new BedrockAgentCoreControlClient({
      endpoint: url,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDSANDBOXEXAMPLE", secretAccessKey: "sandbox/secret/EXAMPLEKEY/not-a-real-aws-key" },
      maxAttempts: 1,
    });
    await expect(sdk.send(new GetAgentRuntimeCommand({ agentRuntimeId: "nobody_here-AbCdE12345" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });
    sdk.destroy();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("rejects a bad flag with one line and exit code 2", async () => {
    const child = spawn(process.execPath, [BIN, "emulator", "--port", "not-a-port"], { env: testEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});
