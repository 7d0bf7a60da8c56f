#!/usr/bin/env node
// The reference point on the SDK this server runs on (v2): the smallest useful MCP server, one
// zod-described tool, imported unbundled from node_modules as most servers ship. Over stdio by
// default (the era-aware serveStdio entry); with --http, over Streamable HTTP on 127.0.0.1 (a free
// port, printed as "listening on URL" like the product) through createMcpHandler.
import { createServer } from "node:http";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { McpServer, createMcpHandler } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import * as z from "zod";

function buildServer() {
  const server = new McpServer({ name: "baseline-minimal-v2-server", version: "1.0.0" });
  server.registerTool(
    "echo",
    {
      title: "Echo",
      description: "Returns the text it is given.",
      inputSchema: z.object({ text: z.string().min(1).max(1000).describe("Text to return.") }),
    },
    async ({ text }) => ({ content: [{ type: "text", text }] }),
  );
  return server;
}

if (process.argv.includes("--http")) {
  const handler = toNodeHandler(createMcpHandler(buildServer));
  const http = createServer((req, res) => void handler(req, res));
  http.listen(0, "127.0.0.1", () => process.stderr.write(`listening on http://127.0.0.1:${http.address().port}/mcp\n`));
  process.once("SIGTERM", () => http.close(() => process.exit(0)));
} else {
  serveStdio(buildServer);
}
