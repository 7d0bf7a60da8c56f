// Real MCP clients of both protocol eras behind one interface, so a test runs unchanged against
// both: the 2025-era one is the SDK v1 Client, the 2026-07-28 one the SDK v2 Client pinned to that
// revision. They reach the server in memory, through the SDK's HTTP handler in process (as the SDK's
// own testing guide does), over real HTTP, or over stdio to the spawned bin.
import { Client as LegacyClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as LegacyStdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport as LegacyHttpClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { Client as ModernClient, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { type McpServerFactory, type Server, createMcpHandler } from "@modelcontextprotocol/server";
import type { CallToolResult, Progress, Tool } from "@modelcontextprotocol/server";
import { linkInMemory } from "./in-memory.js";

/** Which protocol era a test client speaks. */
export type Era = "2025" | "2026";

/** Both eras, for `describe.each`. */
export const ERAS: readonly Era[] = ["2025", "2026"];

/** How a test client answers a confirmation prompt; omit to have a client without elicitation. */
export type Elicit = (message: string) => { action: "accept" | "decline" | "cancel"; content?: Record<string, string | number | boolean> };

/** Per-call options common to both clients. */
export interface CallOptions {
  onprogress?: (progress: Progress) => void;
  signal?: AbortSignal;
  timeout?: number;
}

/** One API over either era's client, so a test can run unchanged against both. */
export interface EraClient {
  era: Era;
  listTools(): Promise<Tool[]>;
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** Wraps a connected v1 client. */
export function legacyEraClient(client: LegacyClient): EraClient {
  return {
    era: "2025",
    listTools: async () => (await client.listTools()).tools as Tool[],
    callTool: async (name, args, options = {}) => (await client.callTool({ name, arguments: args }, undefined, options)) as CallToolResult,
    close: () => client.close(),
  };
}

/** Wraps a connected v2 client. */
export function modernEraClient(client: ModernClient): EraClient {
  return {
    era: "2026",
    listTools: async () => (await client.listTools()).tools,
    callTool: (name, args, options = {}) => client.callTool({ name, arguments: args }, options),
    close: () => client.close(),
  };
}

/** A v2 client pinned to 2026-07-28, answering prompts with `elicit` when given. */
export function createModernClient(elicit?: Elicit): ModernClient {
  const client = new ModernClient(
    { name: "test-client-2026", version: "0.0.0" },
    { versionNegotiation: { mode: { pin: "2026-07-28" } }, ...(elicit ? { capabilities: { elicitation: {} } } : {}) },
  );
  if (elicit) client.setRequestHandler("elicitation/create", (request) => elicit(request.params.message));
  return client;
}

/** A v1 client, answering prompts with `elicit` when given. */
export function createLegacyClient(elicit?: Elicit): LegacyClient {
  const client = new LegacyClient({ name: "test-client-2025", version: "0.0.0" }, elicit ? { capabilities: { elicitation: {} } } : {});
  if (elicit) client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request.params.message));
  return client;
}

/**
 * Connects a client of `era` to servers built by `factory`: a 2025 client over an in-memory
 * session with one server, a 2026 client through the SDK's HTTP handler called in process (one
 * server per request, as deployed); the client has listed the tools.
 */
export async function connectEra(era: Era, factory: () => Server, elicit?: Elicit): Promise<EraClient> {
  const listed = await connectEraUnlisted(era, factory, elicit);
  // As every real client does first: from then on the SDK holds each result to its outputSchema.
  await listed.listTools();
  return listed;
}

async function connectEraUnlisted(era: Era, factory: () => Server, elicit?: Elicit): Promise<EraClient> {
  if (era === "2025") {
    const client = createLegacyClient(elicit);
    await linkInMemory(factory(), client);
    return legacyEraClient(client);
  }
  const handler = createMcpHandler(factory satisfies McpServerFactory);
  const client = createModernClient(elicit);
  await client.connect(
    new StreamableHTTPClientTransport(new URL("http://in-process.test/mcp"), {
      fetch: (url, init) => handler.fetch(new Request(url, init)),
    }),
  );
  const wrapped = modernEraClient(client);
  return {
    ...wrapped,
    close: async () => {
      await wrapped.close();
      await handler.close();
    },
  };
}

/** Connects a client of `era` to `url` over Streamable HTTP. */
export async function connectHttpEra(era: Era, url: string, elicit?: Elicit): Promise<EraClient> {
  if (era === "2025") {
    const client = createLegacyClient(elicit);
    await client.connect(new LegacyHttpClientTransport(new URL(url)));
    return legacyEraClient(client);
  }
  const client = createModernClient(elicit);
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return modernEraClient(client);
}

/** Spawns `command args` and connects a client of `era` to it over stdio. */
export async function connectStdioEra(
  era: Era,
  spawn: { command: string; args: string[]; env: Record<string, string> },
  elicit?: Elicit,
): Promise<EraClient> {
  const params = { ...spawn, stderr: "ignore" as const };
  if (era === "2025") {
    const client = createLegacyClient(elicit);
    await client.connect(new LegacyStdioClientTransport(params));
    return legacyEraClient(client);
  }
  const client = createModernClient(elicit);
  await client.connect(new StdioClientTransport(params));
  return modernEraClient(client);
}
