import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  BedrockAgentCoreControlClient,
  CreateAgentRuntimeCommand,
  GetAgentRuntimeCommand,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { checkEmulatorState } from "../../src/emulator/emulator.js";
import { StateFileError, openStateFile } from "../../src/emulator/state-file.js";

const dir = () => mkdtempSync(join(tmpdir(), "agentcore-state-"));
const options = { pid: 4242, isAlive: () => false, check: checkEmulatorState };
let running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.map((emulator) => emulator.close()));
  running = [];
});

function client(emulator: Emulator) {
  return new BedrockAgentCoreControlClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: SANDBOX_CREDENTIALS,
    maxAttempts: 1,
  });
}

const CREATE = {
  agentRuntimeName: "kept_agent",
  agentRuntimeArtifact: { containerConfiguration: { containerUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest" } },
  roleArn: "arn:aws:iam::123456789012:role/AgentRuntimeRole",
  networkConfiguration: { networkMode: "PUBLIC" as const },
};

describe("the emulator's state file", () => {
  it("keeps a runtime for the next emulator on the same file, READY there, with its clientToken answered again", async () => {
    const path = join(dir(), "state.json");
    const first = openStateFile(path, options);
    let clock = 0;
    const one = await startEmulator({ persistence: first, createDelayMs: 1000, now: () => Date.now() + clock });
    running.push(one);
    const created = await client(one).send(
      new CreateAgentRuntimeCommand({ ...CREATE, clientToken: "5f0c8a5e-3b1d-4c1e-9a4f-2f6d7c8b9a01-kept" }),
    );
    await one.close();
    running = [];
    first.close();
    expect(readdirSync(join(path, "..")).sort()).toEqual(["state.json"]);

    clock += 5000;
    const second = openStateFile(path, options);
    const two = await startEmulator({ persistence: second, createDelayMs: 1000, now: () => Date.now() + clock });
    running.push(two);
    const read = await client(two).send(new GetAgentRuntimeCommand({ agentRuntimeId: created.agentRuntimeId }));
    expect(read.status).toBe("READY");
    const again = await client(two).send(
      new CreateAgentRuntimeCommand({ ...CREATE, clientToken: "5f0c8a5e-3b1d-4c1e-9a4f-2f6d7c8b9a01-kept" }),
    );
    expect(again.agentRuntimeId).toBe(created.agentRuntimeId);
    second.close();
  });

  it("refuses a file that is not JSON, naming it, and leaves it untouched and unlocked", () => {
    const path = join(dir(), "state.json");
    writeFileSync(path, "{ not json");
    expect(() => openStateFile(path, options)).toThrow(StateFileError);
    expect(() => openStateFile(path, options)).toThrow(`the sandbox state file ${path} is not valid JSON`);
    expect(readFileSync(path, "utf8")).toBe("{ not json");
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("refuses JSON that is not a state file, or a state that does not fit", () => {
    const path = join(dir(), "state.json");
    writeFileSync(path, JSON.stringify({ hello: "world" }));
    expect(() => openStateFile(path, options)).toThrow(/is not a state file of this version/);
    writeFileSync(
      path,
      JSON.stringify({
        format: "agentcore-runtime-mcp/emulator-state",
        version: 1,
        state: { regions: { $map: [["us-east-1", { runtimes: 3 }]] } },
      }),
    );
    expect(() => openStateFile(path, options)).toThrow(
      /cannot be restored: its us-east-1 part does not fit: its member runtimes is number, not map/,
    );
  });

  it("refuses a second holder while the first one lives, and takes over a lock whose holder ended", () => {
    const path = join(dir(), "state.json");
    const held = openStateFile(path, { ...options, isAlive: () => true });
    expect(() => openStateFile(path, { ...options, pid: 777, isAlive: () => true })).toThrow(
      `the sandbox state file ${path} is in use by process 4242`,
    );
    // The holder "crashed": its lock stays, but its process is gone.
    const taken = openStateFile(path, { ...options, pid: 777, isAlive: () => false });
    expect(readFileSync(`${path}.lock`, "utf8").trim()).toBe("777");
    taken.close();
    held.close();
  });

  it("writes only when the state changed, through a temporary file renamed over the old one", () => {
    const path = join(dir(), "state.json");
    const file = openStateFile(path, options);
    file.save({ regions: new Map() });
    const written = readFileSync(path, "utf8");
    file.save({ regions: new Map() });
    expect(readFileSync(path, "utf8")).toBe(written);
    expect(readdirSync(join(path, "..")).sort()).toEqual(["state.json", "state.json.lock"]);
    file.close();
  });
});
