#!/usr/bin/env bash
# Runs the end-to-end tests (the built bin spawned as users run it, stdio and HTTP) on each
# maintained Node.js LTS line, with official builds from the npm registry (scripts/ci-node.sh):
# vitest runs under that node, and the tests spawn the bin with the same node. The whole suite runs
# on the machine's node in `npm test`. Needs `npm ci && npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
CI_SCRIPT_NAME="ci-node-lines"
# shellcheck source=scripts/ci-tools.sh
source scripts/ci-tools.sh
# shellcheck source=scripts/ci-node.sh
source scripts/ci-node.sh
ci_install_tools
NODE24="$(ci_node_binary "$NODE_24_VERSION")"
E2E_TESTS=(test/e2e test/install/cli.test.ts)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Both lines at once: the end-to-end tests mostly wait on spawned servers, so two runs side by side
# take about 1.8 min on 2 cores where one after the other take 2.8.
NODES=("$NODE22" "$NODE24")
pids=()
for node_bin in "${NODES[@]}"; do
  "$node_bin" node_modules/vitest/vitest.mjs run "${E2E_TESTS[@]}" >"$WORK/$("$node_bin" --version).log" 2>&1 &
  pids+=($!)
done
failed=()
for index in "${!NODES[@]}"; do
  version="$("${NODES[$index]}" --version)"
  if wait "${pids[$index]}"; then
    ci_log "end-to-end tests pass on Node.js $version"
  else
    cat "$WORK/$version.log" >&2
    failed+=("$version")
  fi
done
((${#failed[@]} == 0)) || ci_die "end-to-end tests on Node.js ${failed[*]}"
ci_log "PASS - end-to-end tests on Node.js $NODE22_VERSION and $NODE_24_VERSION"
