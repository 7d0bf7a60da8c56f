import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { WireResponse } from "./errors.js";

/** Headers every answer carries (request id, `Date`), computed per request. */
export type CommonHeaders = Readonly<Record<string, string>>;

const HUGE_BLOCK = Buffer.alloc(64 * 1024, " ");
// Ten writes a second: slow enough to look like a trickle, frequent enough to be smooth.
const TRICKLE_TICKS_PER_SECOND = 10;

function headersFor(response: WireResponse, common: CommonHeaders, contentLength: number | undefined): Record<string, string> {
  return { ...common, ...response.headers, ...(contentLength === undefined ? {} : { "Content-Length": String(contentLength) }) };
}

/** Sends the whole answer with its Content-Length. */
export function sendWhole(res: ServerResponse, response: WireResponse, common: CommonHeaders): void {
  res.writeHead(response.status, headersFor(response, common, response.body.length));
  res.end(response.body);
}

/**
 * Sends the first half of the body. Without `declareLength` the message is well framed (chunked)
 * and merely holds broken JSON; with it, the full length is announced and the connection dropped.
 */
export function sendTruncated(res: ServerResponse, response: WireResponse, common: CommonHeaders, declareLength: boolean): void {
  const half = response.body.subarray(0, Math.floor(response.body.length / 2));
  res.writeHead(response.status, headersFor(response, common, declareLength ? response.body.length : undefined));
  if (declareLength) res.write(half, () => res.destroy());
  else res.end(half);
}

/** Sends the answer at about `bytesPerSecond`; stops (dropping the connection) when `signal` aborts. */
export async function sendTrickled(
  res: ServerResponse,
  response: WireResponse,
  common: CommonHeaders,
  bytesPerSecond: number,
  signal: AbortSignal,
): Promise<void> {
  res.writeHead(response.status, headersFor(response, common, response.body.length));
  const step = Math.max(1, Math.ceil(bytesPerSecond / TRICKLE_TICKS_PER_SECOND));
  try {
    for (let offset = 0; offset < response.body.length && !res.destroyed; offset += step) {
      const chunk = response.body.subarray(offset, offset + step);
      res.write(chunk);
      await sleep((1000 * chunk.length) / bytesPerSecond, undefined, { signal });
    }
    res.end();
  } catch {
    res.destroy();
  }
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Streams a 200 JSON answer of exactly `bytes` bytes (whitespace then `{}`, so it is valid JSON),
 * honouring back-pressure so that the emulator itself never holds more than one block of it.
 */
export async function sendHuge(res: ServerResponse, bytes: number, common: CommonHeaders): Promise<void> {
  res.writeHead(200, { ...common, "Content-Type": "application/json", "Content-Length": String(bytes) });
  let remaining = bytes - 2;
  while (remaining > 0 && !res.destroyed) {
    const chunk = remaining >= HUGE_BLOCK.length ? HUGE_BLOCK : HUGE_BLOCK.subarray(0, remaining);
    remaining -= chunk.length;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  if (!res.destroyed) res.end("{}");
}
