#!/usr/bin/env bash
# Packs the package as npm would publish it and checks the tarball itself:
# publint (package.json and exports) and arethetypeswrong (types for every entry,
# ESM and CommonJS, under node16 and bundler resolution). Any problem fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
tarball="$out/$(npm pack --silent --pack-destination "$out" 2>/dev/null | tail -n 1)"
echo "check:package: $tarball"
bash scripts/with-node.sh publint run "$tarball" --strict
bash scripts/with-node.sh attw "$tarball" --profile node16 --format table
