#!/usr/bin/env node
// Builds the MCP Bundle (.mcpb) for Claude Desktop from the built bin: stages mcpb/manifest.json
// with the tool list generated from the code (the tools the default configuration offers, each
// with the first sentence of its description), the bin and its chunks under server/, and the
// license files; then validates the staged manifest and packs it with @anthropic-ai/mcpb, both
// offline. Writes dist/agentcore-runtime-mcp-VERSION.mcpb and prints its path. `npm run pack:mcpb`
// builds first.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;
const staging = `${dist}/mcpb-staging`;
const mcpb = `${root}node_modules/.bin/mcpb`;

const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
const manifest = JSON.parse(readFileSync(`${root}mcpb/manifest.json`, "utf8"));
if (manifest.version !== pkg.version) throw new Error(`mcpb/manifest.json has version ${manifest.version}, package.json ${pkg.version}`);
if (!existsSync(`${dist}/agentcore-runtime-mcp.mjs`)) throw new Error("dist/agentcore-runtime-mcp.mjs is missing: run npm run build first");

/** The first sentence of a tool description: the bundle's tool list is a summary shown before install. */
function firstSentence(text) {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (match?.[1] ?? text).replace(/\s+/g, " ");
}

const { createApp } = await import(`${dist}/app.js`);
const { parseCommandLine } = await import(`${dist}/config.js`);
const { createSilentLogger } = await import(`${dist}/log.js`);
const app = createApp({ config: parseCommandLine([], {}).config, version: pkg.version, log: createSilentLogger() });
manifest.tools = app.catalog.listed.map((tool) => ({ name: tool.name, description: firstSentence(tool.description ?? tool.name) }));
manifest.tools_generated = false;
await app.close();

rmSync(staging, { recursive: true, force: true });
mkdirSync(`${staging}/server`, { recursive: true });
writeFileSync(`${staging}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
cpSync(`${dist}/agentcore-runtime-mcp.mjs`, `${staging}/server/agentcore-runtime-mcp.mjs`);
cpSync(`${dist}/chunks`, `${staging}/server/chunks`, { recursive: true });
for (const file of ["LICENSE", "NOTICE"]) cpSync(`${root}${file}`, `${staging}/${file}`);
cpSync(`${dist}/THIRD_PARTY_NOTICES.md`, `${staging}/THIRD_PARTY_NOTICES.md`);

const output = `${dist}/${pkg.name}-${pkg.version}.mcpb`;
execFileSync(mcpb, ["validate", `${staging}/manifest.json`], { stdio: ["ignore", "inherit", "inherit"] });
execFileSync(mcpb, ["pack", staging, output], { stdio: ["ignore", "inherit", "inherit"] });
process.stdout.write(`${output}\n`);
