// How the data-plane client reads an agent's reply, through the official SDK client against a real
// HTTP server on 127.0.0.1:0 that answers what each test needs: a body over the bound, Server-Sent
// Events split at awkward places, a stream that never ends, a connection cut mid-body.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSdkDataPlaneClient } from "../../src/agentcore/data-plane-sdk.js";
import type { DataPlaneClient, InvokeOptions, InvokeRequest } from "../../src/agentcore/data-plane.js";
import { createStaticCredentialSource } from "../../src/aws/credentials.js";
import { createAwsTransport } from "../../src/aws/transport.js";
import { SANDBOX_CREDENTIALS } from "../../src/emulator/index.js";
import { createSilentLogger } from "../../src/log.js";

const ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/reader_test-abcdefghij";
const SESSION = "reply-reading-session-0000000000000001";

/** What the test server answers: one handler per runtime session id. */
const answers = new Map<string, (response: ServerResponse) => Promise<void> | void>();
let server: Server;
let dataPlane: DataPlaneClient;
let closeTransport: () => Promise<void>;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on("end", () => {
      const session = request.headers["x-amzn-bedrock-agentcore-runtime-session-id"];
      const answer = typeof session === "string" ? answers.get(session) : undefined;
      if (answer === undefined) {
        response.writeHead(404).end();
        return;
      }
      void answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const log = createSilentLogger();
  const transport = createAwsTransport({
    maxAttempts: 1,
    attemptTimeoutMs: 10_000,
    maxResponseBytes: 10 * 1024 * 1024,
    random: () => 0.5,
    sleep: () => Promise.resolve(),
    log,
  });
  closeTransport = () => transport.close();
  dataPlane = await createSdkDataPlaneClient({
    region: "us-east-1",
    servicesEndpointUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    useFips: false,
    useDualStack: false,
    credentials: createStaticCredentialSource(SANDBOX_CREDENTIALS),
    transport,
    maxAttempts: 1,
    userAgent: "reply-reading-test",
    log,
  });
});

afterAll(async () => {
  await closeTransport();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let sessions = 0;
/** Registers an answer under a fresh session id and sends one invocation that gets it. */
async function invoke(
  answer: (response: ServerResponse) => Promise<void> | void,
  options: Partial<InvokeOptions> = {},
  accept = "application/json",
): ReturnType<DataPlaneClient["invoke"]> {
  const runtimeSessionId = `${SESSION}-${String(++sessions).padStart(4, "0")}`;
  answers.set(runtimeSessionId, answer);
  const request: InvokeRequest = {
    agentRuntimeArn: ARN,
    qualifier: "DEFAULT",
    runtimeSessionId,
    payload: new TextEncoder().encode("{}"),
    contentType: "application/json",
    accept,
  };
  return dataPlane.invoke(request, { signal: new AbortController().signal, maxBytes: 1024, ...options });
}

describe("reading an agent's reply", () => {
  it("keeps the bound and says the rest was cut, whatever the chunking", async () => {
    const outcome = await invoke(async (response) => {
      response.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < 6; i++) {
        response.write("x".repeat(300));
        await sleep(2);
      }
      response.end();
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.body).toBe("x".repeat(1024));
    expect(outcome.value.truncated).toBe(true);
  });

  it("decodes a character split across chunks, and a reply at the bound exactly is whole", async () => {
    const text = `${"a".repeat(1020)}é!`;
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBe(1023);
    const outcome = await invoke(async (response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      // The two bytes of "é" land in different chunks.
      response.write(bytes.subarray(0, 1021));
      await sleep(5);
      response.end(bytes.subarray(1021));
    });
    expect(outcome.ok && outcome.value).toMatchObject({ body: text, truncated: false, events: [] });
  });

  it("hands each event over in order as it arrives, waiting for each before reading on, and ends after the last", async () => {
    const seen: string[] = [];
    let handing = false;
    const outcome = await invoke(
      async (response) => {
        response.writeHead(200, { "content-type": "text/event-stream" });
        // Two events in one chunk, one split over three chunks with CRLF line ends, a comment, a multi-line event.
        response.write("data: one\n\ndata: two\n\n");
        await sleep(5);
        response.write("data: th");
        await sleep(5);
        response.write("ree\r\n");
        await sleep(5);
        response.write("\r\n: a comment\n\ndata: four\ndata: lines\n\n");
        response.end();
      },
      {
        maxBytes: 64 * 1024,
        onEvent: async (data) => {
          // A second event handed over while the first is still being taken would break the order.
          expect(handing).toBe(false);
          handing = true;
          await sleep(10);
          seen.push(data);
          handing = false;
        },
      },
      "text/event-stream",
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(seen).toEqual(["one", "two", "three", "four\nlines"]);
    expect(outcome.value.events).toEqual(seen);
    expect(outcome.value.truncated).toBe(false);
  });

  it("stops a stream that never ends when the call's signal fires, as a cancel", async () => {
    const controller = new AbortController();
    let writes = 0;
    const started = Date.now();
    const outcome = await invoke(
      async (response) => {
        response.writeHead(200, { "content-type": "text/event-stream" });
        while (!response.destroyed && writes < 1000) {
          response.write(`data: tick ${++writes}\n\n`);
          await sleep(10);
        }
      },
      {
        signal: controller.signal,
        maxBytes: 64 * 1024,
        onEvent: (data) => {
          if (data === "tick 3") controller.abort();
        },
      },
      "text/event-stream",
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.code).toBe("Cancelled");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("reports a connection cut in the middle of the body as a network error", async () => {
    const outcome = await invoke((response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      response.write('{"partial": ');
      setTimeout(() => response.socket?.destroy(), 5);
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.code).toBe("NetworkError");
  });
});
