#!/usr/bin/env bash
# Runs a command under Node >= 22. The machines this project is developed and
# tested on ship Node 20, and vitest, msw, ky and tsup need 22+, so when the
# running node is too old we fetch Node 24 from the npm registry (the `node`
# package) into a cache folder once and put it first on PATH.
#
#   scripts/with-node.sh CMD ARGS...      run CMD under Node >= 22
#   DOCINDEX_NODE_MAJOR=22 scripts/with-node.sh ...   force a given major
set -euo pipefail

want="${DOCINDEX_NODE_MAJOR:-}"
current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -n "$want" ] || [ "$(current_major)" -lt 22 ]; then
  major="${want:-24}"
  cache="${DOCINDEX_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/docindex}/node-$major"
  if [ ! -x "$cache/node_modules/.bin/node" ]; then
    echo "with-node: fetching Node $major into $cache" >&2
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "node@$major" >&2
  fi
  node_bin="$cache/node_modules/.bin"
fi

# The project's own binaries (vitest, tsup, tsc, biome, tsx), then the chosen node
# in front of everything, so `#!/usr/bin/env node` shebangs pick it up.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/node_modules/.bin:$PATH"
[ -n "${node_bin:-}" ] && export PATH="$node_bin:$PATH"
exec "$@"
