import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";

/** Connects a real MCP client to a server over the SDK's linked in-memory transports. */
export async function connectInMemory(server: Server, capabilities: ConstructorParameters<typeof Client>[1] = {}): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test-client", version: "0.0.0" }, capabilities);
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}
