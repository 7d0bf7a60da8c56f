// The regional client's operations over the official SDK, against a real emulator socket.
import { afterEach, describe, expect, it } from "vitest";
import { createSdkControlClient } from "../../src/agentcore/sdk-client.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { createAwsTransport } from "../../src/aws/transport.js";
import { SANDBOX_CREDENTIALS, type Emulator, startEmulator } from "../../src/emulator/index.js";
import { createSilentLogger } from "../../src/log.js";
import { MINIMAL_REQUEST } from "../helpers/stack.js";

let emulator: Emulator | undefined;
let closeTransport: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeTransport?.();
  await emulator?.close();
  emulator = undefined;
});

async function connect(options: { sleep?: (ms: number) => Promise<void> } = {}) {
  emulator = await startEmulator({ port: 0 });
  const log = createSilentLogger();
  const transport = createAwsTransport({
    maxAttempts: 3,
    attemptTimeoutMs: 5000,
    maxResponseBytes: 1024 * 1024,
    random: () => 0,
    sleep: options.sleep ?? (() => Promise.resolve()),
    log,
  });
  closeTransport = () => transport.close();
  const client = await createSdkControlClient({
    region: "us-east-1",
    endpointUrl: emulator.url,
    useFips: false,
    useDualStack: false,
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
    transport,
    maxAttempts: 3,
    userAgent: "agentcore-runtime-mcp/test",
    log,
  });
  return { client, emulator };
}

describe("AgentCore client over the official SDK", () => {
  it("creates, reads, lists and deletes a runtime, with request ids and attempt counts", async () => {
    const { client } = await connect();
    const created = await client.createAgentRuntime({ ...MINIMAL_REQUEST, clientToken: "client-token-0123456789abcdef0123456789" });
    if (!created.ok) throw new Error(created.failure.message);
    expect(created).toMatchObject({ attempts: 1, requestId: expect.any(String), value: { status: "CREATING" } });
    // Timestamps arrive as text, whatever the SDK parsed them into.
    expect(typeof created.value.createdAt).toBe("string");

    const got = await client.getAgentRuntime(created.value.agentRuntimeId);
    expect(got).toMatchObject({ ok: true, value: { agentRuntimeId: created.value.agentRuntimeId, agentRuntimeName: "my_agent" } });

    const listed = await client.listAgentRuntimes({});
    expect(listed).toMatchObject({
      ok: true,
      value: { agentRuntimes: [expect.objectContaining({ agentRuntimeId: created.value.agentRuntimeId })] },
    });

    const deleted = await client.deleteAgentRuntime({
      agentRuntimeId: created.value.agentRuntimeId,
      clientToken: "delete-token-0123456789abcdef0123456789",
    });
    expect(deleted).toMatchObject({ ok: true, attempts: 1 });
  });

  it("reports a modelled error with its code, status, request id and attempts", async () => {
    const { client } = await connect();
    const missing = await client.getAgentRuntime("nothing_here-0123456789");
    expect(missing).toMatchObject({
      ok: false,
      failure: { code: "ResourceNotFoundException", status: 404, retryable: false, attempts: 1, requestId: expect.any(String) },
    });
  });

  it("stops at once when the caller's signal fires during a backoff: Cancelled, no further attempt", async () => {
    const controller = new AbortController();
    const { client, emulator: server } = await connect({
      sleep: () => {
        controller.abort();
        return new Promise<void>(() => undefined);
      },
    });
    server.setFaultRule(() => ({ kind: "status", status: 503 }));
    const outcome = await client.listAgentRuntimes({}, { signal: controller.signal });
    expect(outcome).toMatchObject({ ok: false, failure: { code: "Cancelled" } });
    expect(server.requests).toHaveLength(1);
  });
});
