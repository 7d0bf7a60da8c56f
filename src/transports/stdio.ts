import type { Readable, Writable } from "node:stream";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

/** A running stdio session. */
export interface StdioHandle {
  /** Resolves when the client closes the session (stdin ends) or {@link StdioHandle.close} runs. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves one MCP session over a pair of streams (the process's stdin/stdout, passed in by the
 * entry point). stdout carries JSON-RPC only; the caller routes every log line to stderr.
 */
export async function startStdioTransport(options: { server: Server; input: Readable; output: Writable }): Promise<StdioHandle> {
  const transport = new StdioServerTransport(options.input, options.output);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    options.input.once("end", () => resolve());
    options.input.once("close", () => resolve());
  });
  await options.server.connect(transport);
  return { closed, close: () => options.server.close() };
}
