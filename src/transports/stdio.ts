import type { Readable, Writable } from "node:stream";
import type { McpServerFactory } from "@modelcontextprotocol/server";
import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";

/** A running stdio connection. */
export interface StdioHandle {
  /** Resolves when the client closes the connection (stdin ends) or {@link StdioHandle.close} runs. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves MCP over a pair of streams (the process's stdin/stdout, passed in by the entry point)
 * through the SDK's era-aware entry: the client's opening picks the era (a 2025 `initialize` or a
 * 2026-07-28 request), and one server from `createServer` serves the connection in that era.
 * stdout carries JSON-RPC only; the caller routes every log line to stderr.
 */
export function startStdioTransport(options: {
  createServer: McpServerFactory;
  input: Readable;
  output: Writable;
  onError?: (error: Error) => void;
}): StdioHandle {
  const transport = new StdioServerTransport(options.input, options.output);
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
    options.input.once("end", () => resolve());
    options.input.once("close", () => resolve());
  });
  const handle = serveStdio(options.createServer, { transport, ...(options.onError ? { onerror: options.onError } : {}) });
  return {
    closed,
    close: async () => {
      await handle.close();
      markClosed();
    },
  };
}
