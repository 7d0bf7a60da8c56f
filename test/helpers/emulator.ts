import { request as httpRequest } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { Hash } from "@smithy/hash-node";
import { BedrockAgentCoreControlClient } from "@aws-sdk/client-bedrock-agentcore-control";
import type { CreateAgentRuntimeCommandInput } from "@aws-sdk/client-bedrock-agentcore-control";
import { SignatureV4 } from "@smithy/signature-v4";
import { SANDBOX_CREDENTIALS, startEmulator, validateRequest } from "../../src/emulator/index.js";
import type { Emulator, EmulatorCredential, EmulatorOptions } from "../../src/emulator/index.js";
import { MINIMAL_REQUEST } from "./requests.js";

/** A clock tests move by hand. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

/** A fixed start instant for every manual clock, so messages with dates are exact. */
export const EPOCH = Date.parse("2026-01-01T00:00:00Z");

export function manualClock(start = EPOCH): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

/** A deterministic generator of uniform numbers in [0, 1). */
export function seededRandom(seed = 42): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const running: Emulator[] = [];

/** Starts an emulator on 127.0.0.1:0 with a manual clock; `closeAll` stops every one started. */
export async function startTestEmulator(
  options: EmulatorOptions & { clock?: ManualClock } = {},
): Promise<Emulator & { clock: ManualClock }> {
  const clock = options.clock ?? manualClock();
  const emulator = await startEmulator({ random: seededRandom(), ...options, now: clock.now });
  running.push(emulator);
  return Object.assign(emulator, { clock });
}

export async function closeAll(): Promise<void> {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
}

/**
 * The official SDK client pointed at the emulator, its signing clock set to the emulator's manual
 * clock (the SDK adds `systemClockOffset` to the real time when it signs).
 */
export function sdkClient(
  emulator: Emulator & { clock: ManualClock },
  credentials: EmulatorCredential = SANDBOX_CREDENTIALS,
  region = "us-east-1",
): BedrockAgentCoreControlClient {
  return new BedrockAgentCoreControlClient({
    endpoint: emulator.url,
    region,
    // A copy: the SDK tags the credentials object it is given.
    credentials: { ...credentials },
    maxAttempts: 1,
    systemClockOffset: emulator.clock.now() - Date.now(),
  });
}

/** The shared minimal create request (test/fixtures/minimal-create-request.json), as the SDK types it. */
export const MINIMAL_CREATE = MINIMAL_REQUEST;

function isValidCreateInput(value: unknown): value is CreateAgentRuntimeCommandInput {
  return validateRequest("CreateAgentRuntimeRequest", value).length === 0;
}

/** Types a JSON fixture as SDK input, after checking it is a valid request. */
export function asCreateInput(value: unknown): CreateAgentRuntimeCommandInput {
  if (!isValidCreateInput(value)) throw new Error("the fixture is not a valid CreateAgentRuntime request");
  return value;
}

/** A raw HTTP exchange's answer. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends one request with node:http exactly as given (headers in order, body bytes untouched). */
export function sendRaw(
  url: string,
  request: { method: string; path: string; headers: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(request.path, url);
    const outgoing = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: `${target.pathname}${target.search}`,
        headers: request.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/**
 * Signs a request with the maintained `@smithy/signature-v4` (not the emulator's code) at a chosen
 * instant; returns the headers to send, `host` included.
 */
export async function signRequest(
  url: string,
  request: { method: string; path: string; query?: Record<string, string>; headers?: Record<string, string>; body?: string },
  options: { at: number; credentials?: EmulatorCredential; region?: string; service?: string; payloadHashHeader?: boolean },
): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: options.credentials ?? SANDBOX_CREDENTIALS,
    region: options.region ?? "us-east-1",
    service: options.service ?? "bedrock-agentcore",
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: true,
    applyChecksum: options.payloadHashHeader ?? true,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: target.hostname,
      port: Number(target.port),
      path: request.path,
      query: request.query ?? {},
      headers: { host: target.host, "content-type": "application/json", ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    { signingDate: new Date(options.at) },
  );
  return signed.headers;
}

/** Builds the full path of a request from its path and query, encoded the way the signer saw it. */
export function withQuery(path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return search === "" ? path : `${path}?${search}`;
}
