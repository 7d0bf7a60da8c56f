#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in
# scripts/ci-tools.sh) against the built server in Streamable HTTP mode on loopback, sandboxed
# (no AWS), once per protocol revision: `--requirements 2025-11-25` (the initialize handshake) and
# `--requirements 2026-07-28` (stateless, per-request _meta). The scenarios that need the suite's
# fixture tools, prompts or resources are listed with a reason each in
# scripts/conformance/expected-failures-<revision>.yml; any other failure, or a listed scenario
# that starts passing, fails the run. Needs `npm ci && npm run build`.
#
#   SERVER_ENTRY=path  test another build of the CLI (default: dist/agentcore-runtime-mcp.mjs)
set -euo pipefail
CI_SCRIPT_NAME="ci-conformance"
# shellcheck source=scripts/ci-tools.sh
source "$(dirname "$0")/ci-tools.sh"

REVISIONS=(2025-11-25 2026-07-28)

WORK="$(mktemp -d)"
cleanup() {
  ci_stop_http_server
  rm -rf "$WORK"
}
trap cleanup EXIT

ci_install_tools
ci_start_http_server "$WORK/server.log"
ci_log "server under test: $CI_SERVER_URL"

summaries=()
failed=()
for revision in "${REVISIONS[@]}"; do
  baseline="$REPO_ROOT/scripts/conformance/expected-failures-$revision.yml"
  out="$WORK/$revision.out"
  if timeout 600 "$NODE22" "$CONFORMANCE_BIN" server --url "$CI_SERVER_URL" --requirements "$revision" \
    --expected-failures "$baseline" --output-dir "$WORK/results-$revision" >"$out" 2>&1; then
    status="ok"
  else
    status="FAILED"
    failed+=("$revision")
    cat "$out" >&2
  fi
  # The runner's own tally of checks, e.g. "Total: 106 passed, 65 failed" (fixture checks included).
  total="$(sed -n 's/^Total: \(.*\)$/\1/p' "$out" | tail -n 1)"
  summaries+=("$revision $status (checks: ${total:-none reported}; baseline entries: $(grep -c '^  - ' "$baseline"))")
done

if ! kill -0 "$CI_SERVER_PID" 2>/dev/null; then
  cat "$WORK/server.log" >&2
  failed+=("server-stayed-up")
fi

for line in "${summaries[@]}"; do ci_log "$line"; done
if ((${#failed[@]} > 0)); then
  echo "ci-conformance: FAIL - ${failed[*]}"
  exit 1
fi
echo "ci-conformance: PASS - ${#REVISIONS[@]} revisions within their baselines (${REVISIONS[*]})"
