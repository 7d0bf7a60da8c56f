#!/usr/bin/env node
// Builds the code package for AgentCore Runtime's NODE_22 managed runtime from the built bin: the
// bundle and its chunks, the start file agentcore/main.mjs (the entry point, at the root of the
// archive) and the license files, zipped with fflate. Writes
// dist/agentcore-runtime-mcp-VERSION-agentcore.zip and prints its path. `npm run pack:agentcore`
// builds first. docs/hosting-agentcore.md says how to upload and create the runtime.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;
const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
if (!existsSync(`${dist}/agentcore-runtime-mcp.mjs`)) throw new Error("dist/agentcore-runtime-mcp.mjs is missing: run npm run build first");

/** Every file under `dir`, by its path in the archive below `prefix`. */
function filesOf(dir, prefix) {
  const out = {};
  for (const name of readdirSync(dir).sort()) {
    const path = `${dir}/${name}`;
    if (statSync(path).isDirectory()) Object.assign(out, filesOf(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(path);
  }
  return out;
}

// A fixed date makes the archive the same bytes for the same build.
const mtime = new Date("2026-01-01T00:00:00Z");
const entries = {
  "main.mjs": readFileSync(`${root}agentcore/main.mjs`),
  "agentcore-runtime-mcp.mjs": readFileSync(`${dist}/agentcore-runtime-mcp.mjs`),
  ...filesOf(`${dist}/chunks`, "chunks/"),
  LICENSE: readFileSync(`${root}LICENSE`),
  NOTICE: readFileSync(`${root}NOTICE`),
  "THIRD_PARTY_NOTICES.md": readFileSync(`${dist}/THIRD_PARTY_NOTICES.md`),
};
const zipped = zipSync(Object.fromEntries(Object.entries(entries).map(([name, data]) => [name, [data, { mtime }]])), { level: 9 });
const output = `${dist}/${pkg.name}-${pkg.version}-agentcore.zip`;
writeFileSync(output, zipped);
process.stdout.write(`${output}\n`);
