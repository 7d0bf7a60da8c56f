import { createServer } from "node:net";
import { INITIAL_RETRY_TOKENS, Retry } from "@smithy/core/retry";
import { describe, expect, it } from "vitest";
import { MINIMAL_REQUEST, type Stack, steppingEnvironment, textOf, useStack } from "../helpers/stack.js";
import { SCALE, recordFigure } from "../helpers/figures.js";

const start = useStack();
const puts = (s: Stack) => s.emulator.requests.filter((request) => request.method === "PUT");
const tokensOf = (s: Stack) => new Set(puts(s).map((request) => (JSON.parse(request.bodyText) as { clientToken: string }).clientToken));

/** A random source that replays the given values in order (then repeats the last). */
function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[Math.min(index++, values.length - 1)] ?? 0;
}

describe("faults from the control plane (AWS standard-mode semantics)", () => {
  it("503, 503, 202 → success after exactly 3 requests, one clientToken, each signed afresh, jitter within bounds", async () => {
    const s = await start();
    s.emulator.inject([
      { kind: "status", status: 503, errorType: "ServiceUnavailableException" },
      { kind: "status", status: 503, errorType: "ServiceUnavailableException" },
    ]);
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(puts(s)).toHaveLength(3);
    expect(tokensOf(s).size).toBe(1);
    expect(puts(s).every((request) => request.signatureValid)).toBe(true);
    // Each attempt carries its number in a signed header, so each signature is a fresh one.
    expect(puts(s).map((request) => request.headers["amz-sdk-request"])).toEqual([
      "attempt=1; max=3",
      "attempt=2; max=3",
      "attempt=3; max=3",
    ]);
    expect(puts(s).every((request) => /SignedHeaders=[^,]*amz-sdk-request/.test(String(request.headers.authorization)))).toBe(true);
    expect(new Set(puts(s).map((request) => request.headers.authorization)).size).toBe(3);
  });

  it("draws backoff delays inside the SDK's full-jitter bounds [0, 50 ms·2^(n-1))", async () => {
    const env = Object.assign(steppingEnvironment(), { random: sequence(0.9, 0.3, 0.999) });
    const s = await start({ env, argv: ["--max-attempts", "4"] });
    s.emulator.setFaultRule(() => ({ kind: "status", status: 503 }));
    await s.call({ ...MINIMAL_REQUEST });
    expect(env.sleeps).toEqual([45, 30, 199]);
    for (const [index, delay] of env.sleeps.entries()) expect(delay).toBeLessThan(Retry.delay() * 2 ** index);
  });

  it("429 every time → one isError naming ThrottlingException, retryable, with exactly maxAttempts requests", async () => {
    const s = await start({ argv: ["--max-attempts", "5"] });
    s.emulator.setFaultRule(() => ({ kind: "status", status: 429, errorType: "ThrottlingException" }));
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(/^ThrottlingException: [^\n]*\nHTTP 429 · request id \S+ · retryable: yes · attempts: 5/);
    expect(puts(s)).toHaveLength(5);
  });

  it.each([
    [400, "ValidationException"],
    [402, "ServiceQuotaExceededException"],
    [403, "AccessDeniedException"],
    [409, "ConflictException"],
    [501, "NotImplemented"],
  ])("HTTP %i (%s) is not retried: exactly 1 request and the right code", async (status, errorType) => {
    const s = await start();
    s.emulator.setFaultRule(() => ({ kind: "status", status, errorType }));
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(new RegExp(`^${errorType}: `));
    expect(puts(s)).toHaveLength(1);
  });

  it("connection resets → bounded retries, then a clean NetworkError", async () => {
    const s = await start();
    s.emulator.setFaultRule(() => ({ kind: "reset" }));
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(/^NetworkError: .*\n.*retryable: yes · attempts: 3/);
    expect(puts(s)).toHaveLength(3);
  });

  it("an answer lost after the runtime was created is recovered by the retry with the same clientToken: one runtime", async () => {
    const s = await start();
    s.emulator.inject({ kind: "reset", afterProcessing: true });
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(puts(s)).toHaveLength(2);
    expect(s.emulator.runtimes).toHaveLength(1);
    expect(result.structuredContent?.agentRuntimeId).toBe(s.emulator.runtimes[0]?.agentRuntimeId);
  });

  it("connection refused → NetworkError after the configured attempts", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const s = await start({ argv: ["--endpoint-url", `http://127.0.0.1:${closed}`] });
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(/^NetworkError: network error: ECONNREFUSED\n.*attempts: 3/);
  });

  it("a server that never answers → TimeoutError within the attempt limit, at most maxAttempts requests", async () => {
    const s = await start({ argv: ["--attempt-timeout-ms", "150", "--deadline-ms", "5000"] });
    s.emulator.setFaultRule(() => ({ kind: "hang" }));
    const started = Date.now();
    const result = await s.call({ ...MINIMAL_REQUEST });
    recordFigure("hanging endpoint: wall time of a call (3 × 150 ms attempts)", Date.now() - started, "ms");
    expect(textOf(result)).toMatch(/^TimeoutError: /);
    expect(puts(s).length).toBeLessThanOrEqual(3);
  });

  it("the call's deadline stops a hanging attempt: DeadlineExceeded after 1 request, long before the attempt limit", async () => {
    const s = await start({ argv: ["--attempt-timeout-ms", "20000", "--deadline-ms", "300"] });
    s.emulator.setFaultRule(() => ({ kind: "hang" }));
    const started = Date.now();
    const result = await s.call({ ...MINIMAL_REQUEST });
    recordFigure("deadline 300 ms, hanging endpoint: wall time of a call", Date.now() - started, "ms");
    expect(textOf(result)).toMatch(
      /^DeadlineExceeded: the call's time budget \(--deadline-ms\) ran out before an answer came\n.*retryable: yes/,
    );
    expect(puts(s)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("the call's deadline stops a backoff: DeadlineExceeded after 1 request, the wait abandoned", async () => {
    // A backoff that would never end on its own.
    const env = Object.assign(steppingEnvironment(), { sleep: () => new Promise<void>(() => undefined) });
    const s = await start({ env, argv: ["--deadline-ms", "300"] });
    s.emulator.setFaultRule(() => ({ kind: "status", status: 503 }));
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(/^DeadlineExceeded: /);
    expect(puts(s)).toHaveLength(1);
  });

  it("a body that trickles slower than the attempt limit is cut off and retried", async () => {
    const s = await start({ argv: ["--attempt-timeout-ms", "200"] });
    s.emulator.setFaultRule(() => ({ kind: "trickle", bytesPerSecond: 20 }));
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(textOf(result)).toMatch(/^TimeoutError: /);
    expect(puts(s)).toHaveLength(3);
  });

  it.each([
    ["truncated", { kind: "truncated" }],
    ["truncated with a declared length", { kind: "truncated", declareLength: true }],
    ["non-JSON", { kind: "non-json" }],
  ] as const)("a %s 2xx body is an error, never a success, and the same clientToken recovers the runtime", async (_label, fault) => {
    const s = await start();
    s.emulator.inject(fault);
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(tokensOf(s).size).toBe(1);
    expect(s.emulator.runtimes).toHaveLength(1);
    s.emulator.setFaultRule(() => fault);
    const failed = await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: "always_bad" });
    expect(textOf(failed)).toMatch(/^(MalformedResponse|NetworkError): /);
  });

  it("a 50 MB answer is cut at 1 MiB: one attempt, a clean error, memory flat", async () => {
    const s = await start();
    s.emulator.setFaultRule(() => ({ kind: "huge", bytes: 50 * 1024 * 1024 }));
    const before = process.memoryUsage().rss;
    const result = await s.call({ ...MINIMAL_REQUEST });
    const growth = (process.memoryUsage().rss - before) / (1024 * 1024);
    recordFigure("50 MB answer: RSS growth of the test process", growth.toFixed(1), "MB");
    expect(textOf(result)).toMatch(/^ResponseTooLarge: /);
    expect(puts(s)).toHaveLength(1);
    expect(growth).toBeLessThan(40);
  });

  it("the emulator's clock 10 minutes ahead → Signature expired, the client adopts its Date, and the retry succeeds: 2 requests", async () => {
    const s = await start({ emulator: { clockSkewMs: 10 * 60 * 1000 } });
    const result = await s.call({ ...MINIMAL_REQUEST });
    expect(result.isError).toBeFalsy();
    expect(puts(s)).toHaveLength(2);
    expect(puts(s)[0]?.signatureError).toMatch(/Signature expired/);
    expect(s.logs.some((line) => line.includes("corrected clock skew"))).toBe(true);
  });

  it("a skew under 5 minutes changes nothing: 1 request", async () => {
    const s = await start({ emulator: { clockSkewMs: 3 * 60 * 1000 } });
    await s.call({ ...MINIMAL_REQUEST });
    expect(puts(s)).toHaveLength(1);
    expect(s.logs.some((line) => line.includes("corrected clock skew"))).toBe(false);
  });

  it("honours retry-after up to 5 s beyond the backoff (the SDK's bound) and ignores an invalid one", async () => {
    const env = Object.assign(steppingEnvironment(), { random: () => 0 });
    const s = await start({ env });
    s.emulator.inject([
      { kind: "status", status: 429, retryAfter: "2" },
      { kind: "status", status: 429, retryAfter: "soon" },
    ]);
    await s.call({ ...MINIMAL_REQUEST });
    // The SDK turns the hint into a date when the answer arrives; a few ms pass before the wait.
    expect(env.sleeps).toHaveLength(2);
    expect(env.sleeps[0]).toBeGreaterThan(1900);
    expect(env.sleeps[0]).toBeLessThanOrEqual(2000);
    expect(env.sleeps[1]).toBe(0);
    s.emulator.inject({ kind: "status", status: 429, retryAfter: "3600" });
    await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: "capped" });
    expect(env.sleeps.at(-1)).toBe(5000);
  });

  it("a shared retry quota stops retry storms when the endpoint is down", async () => {
    const calls = 150;
    const s = await start();
    s.emulator.setFaultRule(() => ({ kind: "status", status: 503 }));
    for (let index = 0; index < calls; index += 1) await s.call({ ...MINIMAL_REQUEST, agentRuntimeName: `storm_${index}` });
    const requests = puts(s).length;
    recordFigure(`endpoint down: requests for ${calls} calls (no quota would be ${calls * 3})`, requests);
    // The SDK's bucket: 500 tokens at 14 per retry of a 5xx allow 35 retries, then every call
    // makes a single attempt (a success would refill it).
    expect(Math.floor(INITIAL_RETRY_TOKENS / Retry.cost())).toBe(35);
    expect(requests).toBe(calls + 35);
  });
});

describe("idempotency under faults", () => {
  it("50 concurrent creates with a seeded 10% of 503s → 50 results, 50 runtimes, no duplicates", async () => {
    const count = 50 * SCALE;
    let seed = 42;
    const seeded = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // The stepping clock is shared by all calls and moves a second per backoff; with hundreds of
    // concurrent retries that would exhaust every call's deadline. Backoff here waits for nothing.
    const env = Object.assign(steppingEnvironment(), { sleep: () => Promise.resolve() });
    const s = await start({ env, emulator: { maxRuntimes: count + 10 } });
    let injected = 0;
    s.emulator.setFaultRule((context) => {
      if (context.operation !== "CreateAgentRuntime" || seeded() >= 0.1) return undefined;
      injected += 1;
      return { kind: "status", status: 503 };
    });
    const results = await Promise.all(
      Array.from({ length: count }, (_, index) => s.call({ ...MINIMAL_REQUEST, agentRuntimeName: `parallel_${index}` })),
    );
    recordFigure(`${count} concurrent creates: injected 503s`, injected);
    expect(results.filter((result) => result.isError).map(textOf)).toEqual([]);
    expect(s.emulator.runtimes).toHaveLength(count);
    expect(new Set(results.map((result) => result.structuredContent?.agentRuntimeArn)).size).toBe(count);
    expect(injected).toBeGreaterThan(0);
  });

  it("the same caller-supplied clientToken sent twice, sequentially and concurrently → one runtime, the same ARN", async () => {
    const s = await start();
    const args = { ...MINIMAL_REQUEST, clientToken: "caller-token-0123456789abcdef0123456789" };
    const first = await s.call(args);
    const second = await s.call(args);
    const [third, fourth] = await Promise.all([s.call(args), s.call(args)]);
    const arns = new Set([first, second, third, fourth].map((result) => result?.structuredContent?.agentRuntimeArn));
    expect(arns.size).toBe(1);
    expect(s.emulator.runtimes).toHaveLength(1);
  });
});
