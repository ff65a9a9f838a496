#!/usr/bin/env bash
# The demo: build dexd, then run the daemon for about 30 seconds on the simulated hand and cube
# (MuJoCo), in real time at 12.5 Hz, with the bundled demo policy and the goal sequence
# "R U R' U'", showing a live status line and ending with a summary of the run computed from its
# step log. The policy is untrained: expect drops and timeouts, reported as they happen.
# Installs what the build needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
echo "== building dexd (mvn package; the first run downloads dependencies) =="
mvn -B -ntp -q package -DskipTests
dist=controller/target/dexd/dexd
echo
echo "== $dist/bin/dexd run --duration 30 --goals \"R U R' U'\" =="
exec "$dist/bin/dexd" run --duration 30 --goals "R U R' U'" --log logs
