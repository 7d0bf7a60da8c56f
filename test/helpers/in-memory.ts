import { Client as LegacyClient } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport as LegacyInMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Server } from "@modelcontextprotocol/server";

/** Connects a 2025-era client (SDK v1) to a server over linked in-memory transports. */
export async function linkInMemory(server: Server, client: LegacyClient): Promise<void> {
  const [clientSide, serverSide] = LegacyInMemoryTransport.createLinkedPair();
  // The v1 transport carries the same JSON-RPC messages the v2 server reads; only their TypeScript types differ.
  await Promise.all([server.connect(serverSide as unknown as Parameters<Server["connect"]>[0]), client.connect(clientSide)]);
}

/** Connects a real 2025-era MCP client (SDK v1) to a server in memory. */
export async function connectInMemory(server: Server, options: ConstructorParameters<typeof LegacyClient>[1] = {}): Promise<LegacyClient> {
  const client = new LegacyClient({ name: "test-client", version: "0.0.0" }, options);
  await linkInMemory(server, client);
  return client;
}
