import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { BedrockAgentCoreControlClient, ListAgentRuntimesCommand } from "@aws-sdk/client-bedrock-agentcore-control";
import { BIN, testEnv } from "../helpers/stdio-session.js";
import { sendRaw } from "../helpers/emulator.js";

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill("SIGTERM");
});

/** Starts `emulator` from the built bin and reads its two start-up lines. */
async function startCommand(args: readonly string[]): Promise<{ url: string; token: string; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", ...args], { env: testEnv(), stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let stderr = "";
  const lines = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\ncontrol token: ([A-Za-z0-9_-]+)\n/.exec(stderr);
      if (match?.[1] !== undefined && match[2] !== undefined) resolve({ url: match[1], token: match[2] });
    });
    child.once("exit", () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  return { ...lines, stderr: () => stderr };
}

async function listRuntimes(url: string): Promise<void> {
  const sdk = new BedrockAgentCoreControlClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDSANDBOXEXAMPLE", secretAccessKey: "sandbox/secret/EXAMPLEKEY/not-a-real-aws-key" },
    maxAttempts: 1,
  });
  await sdk.send(new ListAgentRuntimesCommand({}));
  sdk.destroy();
}

const recorded = async (url: string, token: string | undefined): Promise<{ status: number; body: string }> =>
  sendRaw(url, { method: "GET", path: "/__emulator/requests", headers: token === undefined ? {} : { "x-emulator-control-token": token } });

describe("the emulator command's control endpoints", () => {
  it("prints a control token after the listening line and records nothing unless asked", { timeout: 20_000 }, async () => {
    const { url, token } = await startCommand([]);
    await listRuntimes(url);
    expect((await recorded(url, undefined)).status).toBe(403);
    const listed = await recorded(url, token);
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body)).toEqual({ requests: [] });
  });

  it("with --record N keeps the last N requests, their secret headers removed before storing", { timeout: 20_000 }, async () => {
    const { url, token, stderr } = await startCommand(["--record", "2"]);
    for (let i = 0; i < 3; i++) await listRuntimes(url);
    const listed = await recorded(url, token);
    const { requests } = JSON.parse(listed.body) as { requests: { operation: string; headers: Record<string, string> }[] };
    expect(requests.map((request) => request.operation)).toEqual(["ListAgentRuntimes", "ListAgentRuntimes"]);
    expect(requests[0]?.headers).not.toHaveProperty("authorization");
    expect(requests[0]?.headers["x-amz-date"]).toEqual(expect.any(String));
    expect(listed.body).not.toContain("Signature=");
    expect(stderr()).not.toContain("Signature=");
  });

  it("serves --regions and refuses the rest with 403 InvalidSignatureException", { timeout: 20_000 }, async () => {
    const { url } = await startCommand(["--regions", "eu-west-1"]);
    await expect(listRuntimes(url)).rejects.toMatchObject({ name: "InvalidSignatureException", $metadata: { httpStatusCode: 403 } });
  });
});
