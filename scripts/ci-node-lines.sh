#!/usr/bin/env bash
# Runs the end-to-end tests (the built bin spawned as users run it, stdio and HTTP) on each
# maintained Node.js LTS line, with official builds from the npm registry (scripts/ci-node.sh):
# vitest runs under that node, and the tests spawn the bin with the same node. The whole suite runs
# on the machine's node in `npm test`. Needs `npm ci && npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ci-node.sh
source scripts/ci-node.sh
E2E_TESTS=(test/e2e test/install/cli.test.ts)
for version in "$NODE_22_VERSION" "$NODE_24_VERSION"; do
  node_bin="$(ci_node_binary "$version")"
  printf 'ci-node-lines: end-to-end tests on Node.js %s\n' "$("$node_bin" --version)" >&2
  "$node_bin" node_modules/vitest/vitest.mjs run "${E2E_TESTS[@]}" ||
    { printf 'ci-node-lines: FAIL - end-to-end tests on Node.js %s\n' "$version" >&2; exit 1; }
done
printf 'ci-node-lines: PASS - end-to-end tests on Node.js %s and %s\n' "$NODE_22_VERSION" "$NODE_24_VERSION" >&2
