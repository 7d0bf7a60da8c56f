import { Transform } from "node:stream";
import type { Readable } from "node:stream";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpRequest, HttpResponse } from "@smithy/core/protocols";
import type { HttpHandlerOptions, Logger as SdkLogger } from "@smithy/types";

/** Error name of an answer larger than the cap. */
export const RESPONSE_TOO_LARGE = "ResponseTooLarge";

/** How one attempt's HTTP exchange is bounded. */
export interface HttpHandlerLimits {
  /** The longest answer read; a longer one is cut off and the connection closed. */
  maxResponseBytes: number;
  /** One attempt's whole time, from connecting to the last byte of the body. */
  attemptTimeoutMs: number;
  logger: SdkLogger;
}

function named(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/**
 * The SDK's NodeHttpHandler (keep-alive agents, connection and request time-outs, abort signals)
 * plus what it lacks: a size cap on the answer, and a time limit that also covers reading the
 * body (its request time-out ends when the headers arrive, so a body trickling in slowly would
 * hold an attempt forever). Both act on the response stream before the SDK reads it, so a 50 MB
 * answer is cut at the cap and never buffered whole. One handler serves every regional client.
 */
export class BoundedHttpHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private readonly inner: NodeHttpHandler;

  constructor(private readonly limits: HttpHandlerLimits) {
    this.inner = new NodeHttpHandler({
      connectionTimeout: limits.attemptTimeoutMs,
      requestTimeout: limits.attemptTimeoutMs,
      throwOnRequestTimeout: true,
      logger: limits.logger,
    });
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const started = Date.now();
    const { response } = await this.inner.handle(request, options);
    const source = response.body as Readable | undefined;
    if (source === undefined || typeof source.pipe !== "function") return { response };
    const { maxResponseBytes, attemptTimeoutMs } = this.limits;
    let size = 0;
    const bounded = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxResponseBytes) {
          callback(named(RESPONSE_TOO_LARGE, `answer larger than ${maxResponseBytes} bytes`));
          return;
        }
        callback(null, chunk);
      },
    });
    let stopped = false;
    // The first reason wins: destroying the source below makes it report a reset of its own.
    const stop = (error: Error): void => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      bounded.destroy(error);
      source.destroy();
    };
    const timer = setTimeout(
      () => stop(Object.assign(named("TimeoutError", `no complete answer within ${attemptTimeoutMs} ms`), { code: "ETIMEDOUT" })),
      Math.max(0, attemptTimeoutMs - (Date.now() - started)),
    );
    source.on("error", (error: Error) => stop(error));
    // "aborted" fires when the peer closes the connection before the declared body is complete.
    source.on("aborted", () => stop(Object.assign(named("Error", "connection closed mid-answer"), { code: "ECONNRESET" })));
    bounded.on("error", () => {
      stopped = true;
      clearTimeout(timer);
      source.destroy();
    });
    bounded.on("end", () => clearTimeout(timer));
    bounded.on("close", () => clearTimeout(timer));
    source.pipe(bounded);
    response.body = bounded;
    return { response };
  }

  updateHttpClientConfig(key: never, value: never): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): ReturnType<NodeHttpHandler["httpHandlerConfigs"]> {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}
