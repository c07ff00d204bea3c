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
# The licence, and every Markdown file README.md links to (npm shows the README with its links).
listing="$(tar -tzf "$tarball")"
for file in LICENSE README.md CHANGELOG.md $(grep -o '](\([A-Z]*\.md\))' README.md | sed 's/](\(.*\))/\1/' | sort -u); do
  if ! grep -qx "package/$file" <<<"$listing"; then
    echo "check:package: the tarball lacks $file" >&2
    exit 1
  fi
done
bash scripts/with-node.sh publint run "$tarball" --strict
bash scripts/with-node.sh attw "$tarball" --profile node16 --format table
