#!/usr/bin/env bash
# Drives the built server with the MCP Inspector CLI (@modelcontextprotocol/inspector --cli) over
# both transports, sandboxed (no AWS): stdio, then Streamable HTTP on loopback, each in both protocol
# eras (--protocol-era legacy: the 2025 initialize handshake; modern: 2026-07-28). For each it
# lists the tools (--strict: no schema portability finding at all, warnings included) and creates a runtime,
# asserting on the Inspector's JSON output. Needs `npm ci && npm run build`. Exit 0 only if every
# check passes.
#
#   SERVER_ENTRY=path  test another build of the CLI (default: dist/agentcore-runtime-mcp.mjs)
set -euo pipefail
CI_SCRIPT_NAME="ci-inspector"
# shellcheck source=scripts/ci-tools.sh
source "$(dirname "$0")/ci-tools.sh"

# One runtime name per era: the HTTP server (one sandbox) serves both eras' calls.
tool_args() {
  # The shared minimal create request (test/fixtures/minimal-create-request.json) with this era's name.
  node -e 'const [file, name] = process.argv.slice(1); process.stdout.write(JSON.stringify({ ...JSON.parse(require("node:fs").readFileSync(file, "utf8")), agentRuntimeName: name }))' \
    "$(dirname "$0")/../test/fixtures/minimal-create-request.json" "inspector_$1"
}

# Assertions on one Inspector JSON result ({"result": ...}), run on the machine's node.
ASSERT_TOOL_LISTED='
const out = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const names = (out.result?.tools ?? []).map((tool) => tool.name);
if (!names.includes("create_agent_runtime")) throw new Error("create_agent_runtime not listed; tools: " + JSON.stringify(names));
// --strict puts every portability finding (errors and warnings alike) here: there must be none.
if ((out.schemaFindings ?? []).length > 0) throw new Error("schema portability findings: " + JSON.stringify(out.schemaFindings));
'
ASSERT_RUNTIME_CREATING='
const out = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const result = out.result ?? {};
if (result.isError) throw new Error("the call returned isError: " + JSON.stringify(result.content));
if (result.structuredContent?.status !== "CREATING") throw new Error("structuredContent.status is " + JSON.stringify(result.structuredContent?.status));
'

WORK="$(mktemp -d)"
cleanup() {
  ci_stop_http_server
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=()
failed=()

# Runs one Inspector CLI invocation and one assertion on its output.
# Arguments: check name, assertion script, then the Inspector arguments.
check() {
  local name="$1" assertion="$2"
  shift 2
  local out="$WORK/$name.json" err="$WORK/$name.err"
  # HOME is a scratch directory: the Inspector keeps a catalog and a secret store under ~.
  if HOME="$WORK/home" timeout 120 "$NODE22" "$INSPECTOR_BIN" --cli --format json "$@" >"$out" 2>"$err" &&
    "$SERVER_NODE" -e "$assertion" "$out" 2>>"$err"; then
    passed+=("$name")
  else
    failed+=("$name")
    ci_log "$name failed; Inspector output:"
    cat "$out" "$err" >&2
  fi
}

ci_install_tools
mkdir -p "$WORK/home"

ERAS=(legacy modern)
STDIO_TARGET=(-- "$SERVER_NODE" "$SERVER_ENTRY" --sandbox)
for era in "${ERAS[@]}"; do
  check "stdio-$era-tools-list" "$ASSERT_TOOL_LISTED" --protocol-era "$era" --method tools/list --strict "${STDIO_TARGET[@]}"
  check "stdio-$era-tools-call" "$ASSERT_RUNTIME_CREATING" --protocol-era "$era" --method tools/call \
    --tool-name create_agent_runtime --tool-args-json "$(tool_args "$era")" "${STDIO_TARGET[@]}"
done

ci_start_http_server "$WORK/server.log"
ci_log "HTTP server under test: $CI_SERVER_URL"
HTTP_TARGET=(--transport http --server-url "$CI_SERVER_URL")
for era in "${ERAS[@]}"; do
  check "http-$era-tools-list" "$ASSERT_TOOL_LISTED" --protocol-era "$era" --method tools/list --strict "${HTTP_TARGET[@]}"
  check "http-$era-tools-call" "$ASSERT_RUNTIME_CREATING" --protocol-era "$era" --method tools/call \
    --tool-name create_agent_runtime --tool-args-json "$(tool_args "$era")" "${HTTP_TARGET[@]}"
done

total=$((${#passed[@]} + ${#failed[@]}))
if ((${#failed[@]} > 0)); then
  echo "ci-inspector: FAIL - ${#passed[@]}/$total checks passed; failed: ${failed[*]}"
  exit 1
fi
echo "ci-inspector: PASS - ${#passed[@]}/$total checks passed (${passed[*]})"
