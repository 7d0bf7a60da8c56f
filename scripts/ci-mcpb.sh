#!/usr/bin/env bash
# Checks the MCP Bundle for Claude Desktop: packs it (npm run pack:mcpb's second step: validate the
# manifest, pack, both offline), unpacks it into an empty folder with @anthropic-ai/mcpb, then
# starts the server the way the manifest's mcp_config says (${__dirname} and the user_config
# defaults substituted, as Claude Desktop does) and drives it with a real MCP client over stdio.
# The client must see every tool the manifest lists. Needs `npm ci && npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'ci-mcpb: %s\n' "$*" >&2; }
die() { say "FAIL - $*"; exit 1; }

BUNDLE="$(node scripts/pack-mcpb.mjs | tail -n 1)" || die "validating or packing the bundle failed"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
node_modules/.bin/mcpb unpack "$BUNDLE" "$WORK/unpacked" >&2 || die "mcpb unpack failed"
node_modules/.bin/mcpb validate "$WORK/unpacked/manifest.json" >&2 || die "the unpacked manifest does not validate"

# The launch line and environment, from the unpacked manifest: one argument or NAME=VALUE per line.
mapfile -t LAUNCH < <(node -e '
  const dir = process.argv[1];
  const manifest = JSON.parse(require("fs").readFileSync(`${dir}/manifest.json`, "utf8"));
  const defaults = Object.fromEntries(Object.entries(manifest.user_config ?? {}).map(([key, spec]) => [key, String(spec.default ?? "")]));
  const fill = (text) => text.replace(/\$\{__dirname\}/g, dir).replace(/\$\{user_config\.([^}]+)\}/g, (_, key) => defaults[key] ?? "");
  const config = manifest.server.mcp_config;
  console.log("--tools=" + manifest.tools.map((tool) => tool.name).join(","));
  for (const [name, value] of Object.entries(config.env ?? {})) console.log("--env=" + name + "=" + fill(value));
  console.log("--");
  console.log(config.command === "node" ? process.execPath : config.command);
  for (const arg of config.args ?? []) console.log(fill(arg));' "$WORK/unpacked")
node scripts/ci-drive-server.mjs --stdio-only --cwd "$WORK" "${LAUNCH[@]}" || die "the unpacked bundle did not serve the client"
say "PASS - $(basename "$BUNDLE") ($(du -k "$BUNDLE" | cut -f1) KiB) validates, unpacks and serves a real client"
