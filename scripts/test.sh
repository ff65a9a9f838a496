#!/usr/bin/env bash
# Runs every test of every module (what CI runs). Installs what the build needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
exec mvn -B -ntp verify "$@"
