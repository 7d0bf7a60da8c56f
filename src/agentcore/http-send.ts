import { Agent as HttpAgent, request as httpRequest } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** A raw HTTP answer. */
export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Why no answer arrived; `code` is what the retry classifier reads. */
export class HttpSendError extends Error {
  override readonly name = "HttpSendError";
  constructor(
    readonly code: "TimeoutError" | "AbortError" | "ResponseTooLarge" | "NetworkError",
    message: string,
    readonly networkCode?: string,
  ) {
    super(message);
  }
}

/** Sends one request and reads the whole answer. */
export type HttpSend = (request: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}) => Promise<HttpAnswer>;

/**
 * Creates a sender over `node:http`/`node:https` with keep-alive agents. Plain node:http rather
 * than fetch: it loads faster, and it gives exact control over time-outs, aborts and the size of
 * what we are willing to read (a 50 MB answer is cut at `maxResponseBytes`, never buffered whole).
 */
export function createHttpSender(options: { maxResponseBytes: number }): { send: HttpSend; close(): void } {
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const send: HttpSend = (request) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      if (request.signal?.aborted) {
        reject(new HttpSendError("AbortError", "the call was cancelled"));
        return;
      }
      const secure = request.url.protocol === "https:";
      const client = (secure ? httpsRequest : httpRequest)(request.url, {
        method: request.method,
        headers: request.headers,
        agent: secure ? agents.https : agents.http,
      });
      let settled = false;
      const fail = (error: HttpSendError): void => {
        if (settled) return;
        settled = true;
        cleanup();
        client.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new HttpSendError("TimeoutError", `no complete answer within ${request.timeoutMs} ms`)),
        request.timeoutMs,
      );
      const onAbort = (): void => fail(new HttpSendError("AbortError", "the call was cancelled"));
      request.signal?.addEventListener("abort", onAbort, { once: true });
      const cleanup = (): void => {
        clearTimeout(timer);
        request.signal?.removeEventListener("abort", onAbort);
      };
      client.on("error", (error: NodeJS.ErrnoException) =>
        fail(new HttpSendError("NetworkError", `network error: ${error.code ?? error.message}`, error.code)),
      );
      client.on("response", (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxResponseBytes) {
            fail(new HttpSendError("ResponseTooLarge", `answer larger than ${options.maxResponseBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("error", (error: NodeJS.ErrnoException) =>
          fail(new HttpSendError("NetworkError", `network error: ${error.code ?? error.message}`, error.code ?? "ECONNRESET")),
        );
        response.on("aborted", () => fail(new HttpSendError("NetworkError", "connection closed mid-answer", "ECONNRESET")));
        response.on("end", () => {
          if (settled) return;
          if (!response.complete) {
            fail(new HttpSendError("NetworkError", "connection closed mid-answer", "ECONNRESET"));
            return;
          }
          settled = true;
          cleanup();
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") });
        });
      });
      client.end(request.body);
    });
  return {
    send,
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
