import type { Tool } from "@modelcontextprotocol/server";
import { createApp } from "../../src/app.js";
import { createSilentLogger } from "../../src/log.js";
import { connectInMemory } from "./in-memory.js";
import { configFrom } from "./stack.js";

/** What tools/list advertises for a configuration, through a real client; sends nothing to AWS. */
export async function listedTools(argv: string[] = []): Promise<Tool[]> {
  const app = createApp({ config: configFrom(argv), version: "0.0.0", log: createSilentLogger() });
  const client = await connectInMemory(app.createServer());
  const { tools } = await client.listTools();
  await client.close();
  await app.close();
  return tools as Tool[];
}
