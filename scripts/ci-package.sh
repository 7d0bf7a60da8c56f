#!/usr/bin/env bash
# Checks the npm package as a newcomer gets it (issue #15's acceptance): `npm pack`, then, in an empty
# folder with an empty npm cache and no network, `npm install --offline` of the tarball; the install
# must hold exactly one package (no runtime dependencies), `npx agentcore-runtime-mcp --sandbox` must
# serve a real MCP client over stdio and HTTP, the library entry must import, and the installed bin
# must also run on the oldest Node.js that package.json's engines claims. The tarball's size and file
# count must stay within the budget below. Needs `npm ci && npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ci-node.sh
source scripts/ci-node.sh

# Budget for the packed and unpacked tarball (bytes) and its file count; raise it deliberately.
MAX_PACKED=$((1100 * 1024))
MAX_UNPACKED=$((5 * 1024 * 1024))
MAX_FILES=80

say() { printf 'ci-package: %s\n' "$*" >&2; }
die() { say "FAIL - $*"; exit 1; }

[[ -f dist/agentcore-runtime-mcp.mjs && -f dist/smithery.mjs ]] || die "dist/ is not built: run 'npm run build' first"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# --ignore-scripts: the build just ran; prepack would only build again.
npm pack --ignore-scripts --json --pack-destination "$WORK" >"$WORK/pack.json" 2>/dev/null
read -r TARBALL PACKED UNPACKED FILES < <(node -e '
  const [info] = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const bad = info.files.map((f) => f.path).filter((p) => !/^(package\.json|README\.md|LICENSE|NOTICE|dist\/(agentcore-runtime-mcp\.mjs|smithery\.mjs|smithery\.d\.ts|THIRD_PARTY_NOTICES\.md|chunks\/[^/]+\.mjs))$/.test(p));
  if (bad.length > 0) { console.error("ci-package: files that do not run: " + bad.join(", ")); process.exit(1); }
  console.log(info.filename, info.size, info.unpackedSize, info.entryCount);' "$WORK/pack.json") || die "the tarball ships files outside the allow-list"
kib() { awk -v b="$1" 'BEGIN { printf "%.0f KiB", b / 1024 }'; }
say "tarball $TARBALL: $(kib "$PACKED") packed (budget $(kib "$MAX_PACKED")), $(kib "$UNPACKED") unpacked (budget $(kib "$MAX_UNPACKED")), $FILES files (budget $MAX_FILES)"
((PACKED <= MAX_PACKED)) || die "packed size over budget"
((UNPACKED <= MAX_UNPACKED)) || die "unpacked size over budget"
((FILES <= MAX_FILES)) || die "file count over budget"

APP="$WORK/app"
mkdir -p "$APP"
echo '{ "name": "ci-package-app", "version": "1.0.0", "private": true }' >"$APP/package.json"
# An empty cache and --offline: anything the tarball would still fetch fails the install.
(cd "$APP" && npm install --offline --cache "$WORK/npm-cache" --no-audit --no-fund --loglevel=error "$WORK/$TARBALL" >&2) ||
  die "npm install --offline of the tarball failed (does it still have runtime dependencies?)"
COUNT="$(cd "$APP" && npm ls --omit=dev --all --parseable | tail -n +2 | wc -l)"
(cd "$APP" && npm ls --omit=dev --all >&2)
[[ "$COUNT" == "1" ]] || die "npm ls --omit=dev --all shows $COUNT packages, not 1"

node scripts/ci-drive-server.mjs --cwd "$APP" -- npx --offline agentcore-runtime-mcp || die "npx agentcore-runtime-mcp did not serve the client"
(cd "$APP" && node --input-type=module -e '
  const entry = await import("agentcore-runtime-mcp");
  if (typeof entry.default !== "function" || typeof entry.configSchema?.parse !== "function") throw new Error("the library entry lacks createServer or configSchema");
  await entry.closeSmitheryApps();') || die "the library entry did not import"

OLDEST="$(ci_node_binary "$NODE_OLDEST_VERSION")"
ENGINES="$(node -p 'require("./package.json").engines.node')"
[[ "$ENGINES" == ">=$NODE_OLDEST_VERSION" ]] || die "engines says $ENGINES, but CI checks the oldest as $NODE_OLDEST_VERSION"
node scripts/ci-drive-server.mjs --cwd "$APP" -- "$OLDEST" "$APP/node_modules/agentcore-runtime-mcp/dist/agentcore-runtime-mcp.mjs" ||
  die "the installed bin does not serve on Node.js $NODE_OLDEST_VERSION"
say "PASS - one package installed offline; served a real client through npx (machine's Node $(node --version)) and on Node.js v$NODE_OLDEST_VERSION"
