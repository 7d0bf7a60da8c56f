// Loaded on the first invocation (data-plane.ts imports it with import()): the official data-plane
// SDK client, with the shared transport and credentials.
import type { Readable } from "node:stream";
import { BedrockAgentCoreClient, InvokeAgentRuntimeCommand, StopRuntimeSessionCommand } from "@aws-sdk/client-bedrock-agentcore";
import type { AgentCoreClientDeps } from "./agentcore-client.js";
import type { DataPlaneClient, InvokeOptions } from "./data-plane.js";
import { sdkParts } from "./sdk-parts.js";

/** What reading a reply body produced. */
interface ReadBody {
  body: string;
  truncated: boolean;
  events: string[];
}

/** The data of each complete Server-Sent Event in `text` (events end with a blank line), and what is left over. */
function takeEvents(text: string): { events: string[]; rest: string } {
  const events: string[] = [];
  let rest = text;
  for (let end = rest.indexOf("\n\n"); end >= 0; end = rest.indexOf("\n\n")) {
    const data = rest
      .slice(0, end)
      .split("\n")
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(line.startsWith("data: ") ? 6 : 5))
      .join("\n");
    rest = rest.slice(end + 2);
    if (data !== "") events.push(data);
  }
  return { events, rest };
}

/**
 * Reads a reply chunk by chunk up to `maxBytes`, handing each complete Server-Sent Event to
 * `onEvent` as soon as it arrives, in order, the stream paused until it is taken; the call's
 * signal stops it. Stream events rather than `for await`: in process, the async iterator cost
 * about 0.15 ms per reply, more than half of what this server adds to an invocation of a fast agent.
 */
function readReply(stream: Readable | undefined, streaming: boolean, options: InvokeOptions, signal: AbortSignal): Promise<ReadBody> {
  const read: ReadBody = { body: "", truncated: false, events: [] };
  if (stream === undefined) return Promise.resolve(read);
  return new Promise<ReadBody>((resolve, reject) => {
    const decoder = new TextDecoder();
    let bytes = 0;
    let pending = "";
    let delivered: Promise<void> = Promise.resolve();
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      stream.off("data", onData);
      if (error === undefined) {
        resolve(read);
        return;
      }
      stream.destroy();
      reject(error);
    };
    // Every event is handed over before the reply counts as read.
    const done = (): void => {
      delivered.then(
        () => settle(),
        (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
      );
    };
    const onAbort = (): void => {
      stream.destroy(Object.assign(new Error("the call was stopped while the reply streamed"), { name: "AbortError" }));
    };
    const onData = (chunk: Uint8Array): void => {
      const room = options.maxBytes - bytes;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      bytes += kept.length;
      const text = decoder.decode(kept, { stream: kept.length === chunk.length });
      read.body += text;
      if (streaming) {
        const taken = takeEvents(pending + text.replaceAll("\r\n", "\n"));
        pending = taken.rest;
        for (const data of taken.events) {
          read.events.push(data);
          delivered = delivered.then(() => options.onEvent?.(data));
        }
        if (taken.events.length > 0 && options.onEvent !== undefined) {
          stream.pause();
          delivered.then(
            () => stream.resume(),
            (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
          );
        }
      }
      if (kept.length < chunk.length) {
        read.truncated = true;
        stream.destroy();
        done();
      }
    };
    signal.addEventListener("abort", onAbort, { once: true });
    stream.on("data", onData);
    stream.once("end", done);
    stream.once("error", settle);
    // A close without an end or an error is a body cut short: the for-await reading did the same.
    stream.once("close", () => {
      if (!stream.readableEnded && !read.truncated) settle(Object.assign(new Error("the reply ended early"), { code: "ECONNRESET" }));
    });
  });
}

/** Builds the data-plane SDK client of one region. */
export async function createSdkDataPlaneClient(deps: AgentCoreClientDeps): Promise<DataPlaneClient> {
  const parts = await sdkParts(deps, deps.servicesEndpointUrl);
  const client = new BedrockAgentCoreClient(parts.config);
  return {
    async invoke(request, options) {
      return parts.send(
        client,
        "InvokeAgentRuntime",
        async (abortSignal) => {
          const answer = await client.send(new InvokeAgentRuntimeCommand(request), { abortSignal });
          const { response, $metadata, statusCode, runtimeSessionId, mcpSessionId, mcpProtocolVersion, traceId } = answer;
          // The model requires the header; an agent that sends none is read as bytes of text.
          const contentType = answer.contentType ?? "application/octet-stream";
          const streaming = contentType.includes("text/event-stream");
          const read = await readReply(response as Readable | undefined, streaming, options, abortSignal);
          return {
            $metadata,
            statusCode: statusCode ?? $metadata.httpStatusCode ?? 200,
            contentType,
            ...(runtimeSessionId === undefined ? {} : { runtimeSessionId }),
            ...(mcpSessionId === undefined ? {} : { mcpSessionId }),
            ...(mcpProtocolVersion === undefined ? {} : { mcpProtocolVersion }),
            ...(traceId === undefined ? {} : { traceId }),
            ...read,
          };
        },
        options,
      );
    },
    async stopRuntimeSession(request, options = {}) {
      return parts.send(
        client,
        "StopRuntimeSession",
        (abortSignal) => client.send(new StopRuntimeSessionCommand(request), { abortSignal }),
        options,
      );
    },
  };
}
