#!/usr/bin/env bash
# Installs the npm packages the replay export tests read exports with (hyparquet, @mcap/core: readers
# that are not our writers) into a cache outside the clone, at the exact versions of
# controller/src/test/node/export-readers/package.json, beside a copy of that folder's scripts (Node
# resolves packages from a script's own folder). Prints that cache folder on stdout.
# Called by the export tests (ExportTest); re-running is cheap once installed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
spec="$here/controller/src/test/node/export-readers/package.json"
cache="${DEXD_NPM_CACHE:-$HOME/.cache/dexd/npm}/export-readers"
command -v npm >/dev/null 2>&1 || { echo "dexd: npm is missing: apt-get install -y npm" >&2; exit 3; }
mkdir -p "$cache"
if ! cmp -s "$spec" "$cache/package.json" || [ ! -d "$cache/node_modules/hyparquet" ] || [ ! -d "$cache/node_modules/@mcap/core" ]; then
  cp "$spec" "$cache/package.json"
  (cd "$cache" && npm install --no-audit --no-fund --no-package-lock --silent >&2) \
    || { echo "dexd: npm could not install the export readers into $cache: run 'cd $cache && npm install' and read its message" >&2; exit 1; }
fi
cp "$(dirname "$spec")"/*.mjs "$cache/"
echo "$cache"
