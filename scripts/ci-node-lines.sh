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
E2E_TESTS=(test/e2e test/install/cli.test.ts)
for node_bin in "$NODE22" "$(ci_node_binary "$NODE_24_VERSION")"; do
  version="$("$node_bin" --version)"
  ci_log "end-to-end tests on Node.js $version"
  "$node_bin" node_modules/vitest/vitest.mjs run "${E2E_TESTS[@]}" || ci_die "end-to-end tests on Node.js $version"
done
ci_log "PASS - end-to-end tests on Node.js $NODE22_VERSION and $NODE_24_VERSION"
