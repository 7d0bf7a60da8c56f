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

/**
 * Reads a reply chunk by chunk up to `maxBytes`, handing each complete Server-Sent Event to
 * `onEvent` as soon as it arrives (SSE events end with a blank line); the call's signal stops it.
 */
async function readReply(stream: Readable | undefined, streaming: boolean, options: InvokeOptions, signal: AbortSignal): Promise<ReadBody> {
  const read: ReadBody = { body: "", truncated: false, events: [] };
  if (stream === undefined) return read;
  const decoder = new TextDecoder();
  let bytes = 0;
  let pending = "";
  const onAbort = (): void => {
    stream.destroy(Object.assign(new Error("the call was stopped while the reply streamed"), { name: "AbortError" }));
  };
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      const room = options.maxBytes - bytes;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      bytes += kept.length;
      const text = decoder.decode(kept, { stream: kept.length === chunk.length });
      read.body += text;
      if (streaming) {
        pending += text.replaceAll("\r\n", "\n");
        for (let end = pending.indexOf("\n\n"); end >= 0; end = pending.indexOf("\n\n")) {
          const data = pending
            .slice(0, end)
            .split("\n")
            .filter((line) => line.startsWith("data:"))
            .map((line) => line.slice(line.startsWith("data: ") ? 6 : 5))
            .join("\n");
          pending = pending.slice(end + 2);
          if (data === "") continue;
          read.events.push(data);
          await options.onEvent?.(data);
        }
      }
      if (kept.length < chunk.length) {
        read.truncated = true;
        stream.destroy();
        break;
      }
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return read;
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
