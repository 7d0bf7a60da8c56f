// A streamed reply as the official clients see it over stdio: every event reaches the caller's
// onprogress, the last one too. Both clients take a response at once and a notification a microtask
// later, so a notification read together with the response is dropped (typescript-sdk#2580); the
// server keeps them apart.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../src/emulator/index.js";
import { ERAS, type EraClient, connectStdioEra } from "../helpers/era-clients.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";
import { BIN, emulatorEnv } from "../helpers/stdio-session.js";

let emulator: Emulator;
let client: EraClient | undefined;
beforeEach(async () => {
  // READY at once, and events 20 ms apart as the sandbox streams them.
  emulator = await startEmulator({ port: 0, createDelayMs: 0, streamIntervalMs: 20 });
});
afterEach(async () => {
  await client?.close();
  client = undefined;
  await emulator.close();
});

/** Calls per client: the drop happened in about one call of two (v2) and one of six (v1). */
const CALLS = 15;

describe.each(ERAS)("a %s-era client over stdio", (era) => {
  it("sees every streamed event as progress, call after call", async () => {
    client = await connectStdioEra(era, {
      command: process.execPath,
      args: [BIN, "--tools", "all"],
      env: emulatorEnv(emulator.url, { AWS_ENDPOINT_URL_BEDROCK_AGENTCORE: emulator.url }),
    });
    // As real clients do first: from then on the SDK holds each result to its outputSchema.
    await client.listTools();
    const created = await client.callTool("create_agent_runtime", {
      ...MINIMAL_REQUEST,
      agentRuntimeName: "streamer",
      waitForReadySeconds: 10,
    });
    expect(created.isError).toBeFalsy();
    const seen: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      let progress = 0;
      const result = await client.callTool(
        "invoke_agent_runtime",
        { agentRuntimeId: "streamer", payload: "a reply in pieces", stream: true },
        { onprogress: () => (progress += 1) },
      );
      const events = (result.structuredContent as { events?: unknown[] } | undefined)?.events ?? [];
      expect(events.length).toBeGreaterThan(1);
      seen.push(events.length - progress);
    }
    // Events the client never saw as progress, call by call: none.
    expect(seen).toEqual(Array.from({ length: CALLS }, () => 0));
  });
});
