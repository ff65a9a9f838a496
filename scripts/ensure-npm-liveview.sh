#!/usr/bin/env bash
# Installs the live view's test client's npm packages (pinned in controller/src/test/node/liveview/package.json)
# into a cache outside the clone, ~/.cache/dexd/npm/liveview (or $DEXD_NPM_CACHE/liveview), once.
# Prints the folder that holds node_modules. Run by LiveViewTest; safe to run by hand.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
src="$here/controller/src/test/node/liveview"
dest="${DEXD_NPM_CACHE:-$HOME/.cache/dexd/npm}/liveview"
command -v npm >/dev/null 2>&1 || { echo "dexd: npm is missing: apt-get install -y npm" >&2; exit 3; }
mkdir -p "$dest"
if ! cmp -s "$src/package.json" "$dest/package.json" || [ ! -d "$dest/node_modules/ws" ]; then
  cp "$src/package.json" "$dest/package.json"
  (cd "$dest" && npm install --no-audit --no-fund --silent >/dev/null) \
    || { echo "dexd: npm install in $dest failed: run it by hand there and look at its message" >&2; exit 1; }
fi
echo "$dest"
