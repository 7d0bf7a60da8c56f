import type { IncomingMessage } from "node:http";
import { nestsDeeperThan } from "../json-depth.js";

/** What became of reading a request body as JSON. */
export type JsonBodyResult =
  { kind: "json"; value: unknown } | { kind: "too-large" } | { kind: "invalid-json" } | { kind: "too-deep" } | { kind: "aborted" };

/**
 * Reads a JSON request body of at most `maxBytes` bytes.
 *
 * A declared `Content-Length` over the limit is refused before a byte is read; a body without one
 * (chunked) is counted as it streams and reading stops at the first chunk past the limit, so an
 * oversized body is never held in memory. The stream is left paused: the caller answers and closes
 * the connection rather than draining it.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: "too-large" });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const settle = (result: JsonBodyResult): void => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        req.pause();
        settle({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      try {
        const text = Buffer.concat(chunks).toString("utf8");
        settle(nestsDeeperThan(text) ? { kind: "too-deep" } : { kind: "json", value: JSON.parse(text) });
      } catch {
        settle({ kind: "invalid-json" });
      }
    };
    // 'close' before 'end' means the client went away mid-body; 'error' is the same on older paths.
    const onAbort = (): void => settle({ kind: "aborted" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  });
}
