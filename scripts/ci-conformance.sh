#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against the built
# server in Streamable HTTP mode on loopback, sandboxed (no AWS). Needs `npm ci && npm run build`.
# Exit 0 only if every scenario passes.
#
#   CONFORMANCE_LOGGING=1  also run logging-set-level (only once the server declares `logging`)
#   SERVER_ENTRY=path      test another build of the CLI (default: dist/agentcore-runtime-mcp.mjs)
set -euo pipefail
CI_SCRIPT_NAME="ci-conformance"
# shellcheck source=scripts/ci-tools.sh
source "$(dirname "$0")/ci-tools.sh"

# The scenarios this server can take part in: the rest of the suite needs fixture tools,
# resources and prompts (test_simple_text, ...) that only the SDKs' "everything" servers have.
SCENARIOS=(server-initialize ping tools-list dns-rebinding-protection)
if [[ "${CONFORMANCE_LOGGING:-0}" == "1" ]]; then SCENARIOS+=(logging-set-level); fi

WORK="$(mktemp -d)"
cleanup() {
  ci_stop_http_server
  rm -rf "$WORK"
}
trap cleanup EXIT

ci_install_tools
ci_start_http_server "$WORK/server.log"
ci_log "server under test: $CI_SERVER_URL"

passed=()
failed=()
for scenario in "${SCENARIOS[@]}"; do
  if timeout 120 "$NODE22" "$CONFORMANCE_BIN" server --url "$CI_SERVER_URL" --scenario "$scenario" \
    --output-dir "$WORK/results" >"$WORK/$scenario.out" 2>&1; then
    passed+=("$scenario")
  else
    failed+=("$scenario")
    cat "$WORK/$scenario.out" >&2
  fi
done

if ! kill -0 "$CI_SERVER_PID" 2>/dev/null; then
  cat "$WORK/server.log" >&2
  failed+=("server-stayed-up")
fi

if ((${#failed[@]} > 0)); then
  echo "ci-conformance: FAIL - ${#passed[@]}/${#SCENARIOS[@]} scenarios passed; failed: ${failed[*]}"
  exit 1
fi
echo "ci-conformance: PASS - ${#passed[@]}/${#SCENARIOS[@]} scenarios passed (${passed[*]})"
