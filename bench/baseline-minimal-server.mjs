#!/usr/bin/env node
// The second reference point: the smallest useful MCP server on the v1 SDK (the one this server ran
// on before; the v2 baseline is baseline-minimal-v2-server.mjs), one
// zod-described tool over stdio, imported unbundled from node_modules as most servers ship.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "baseline-minimal-server", version: "1.0.0" });
server.registerTool(
  "echo",
  {
    title: "Echo",
    description: "Returns the text it is given.",
    inputSchema: { text: z.string().min(1).max(1000).describe("Text to return.") },
  },
  async ({ text }) => ({ content: [{ type: "text", text }] }),
);
await server.connect(new StdioServerTransport());
