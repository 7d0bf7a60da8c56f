import type { IncomingMessage } from "node:http";

/** A whole body, or the prefix read before the size limit was passed. */
export type BodyRead = { readonly complete: true; readonly body: Buffer } | { readonly complete: false; readonly received: Buffer };

/**
 * Reads a request body up to `maxBytes`. Past the limit (announced by Content-Length or found while
 * reading) it stops reading at once and resolves with what it has, so an oversized or endless body
 * is never held in memory. Rejects when the client goes away before the body ends.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.pause();
    return Promise.resolve({ complete: false, received: Buffer.alloc(0) });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("close", onClose);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        request.pause();
        resolve({ complete: false, received: Buffer.concat(chunks) });
      }
    };
    const onEnd = (): void => {
      stop();
      resolve({ complete: true, body: Buffer.concat(chunks) });
    };
    const onClose = (): void => {
      stop();
      reject(new Error("The client closed the connection before the request body ended"));
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("close", onClose);
  });
}
