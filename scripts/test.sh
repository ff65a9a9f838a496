#!/usr/bin/env bash
# Runs every test of every module (what CI runs). Installs what the build needs when missing.
# Then dexd under a real systemd in a container (scripts/container-test.sh, on the distribution
# `mvn verify` just built): it prints one SKIPPED line where a container cannot boot;
# DEXD_CONTAINER_TEST=0 leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
mvn -B -ntp verify "$@"
exec ./scripts/container-test.sh
