#!/usr/bin/env bash
# The demo: build dexd, then use the bundled (untrained) demo policy: inspect it and time one policy
# step against the bare ONNX Runtime call. Installs what the build needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
echo "== building dexd (mvn package; first run downloads dependencies) =="
mvn -B -ntp -q package -DskipTests
dexd=controller/target/dexd/dexd/bin/dexd
echo
echo "== $dexd policy inspect (the bundled demo policy) =="
"$dexd" policy inspect controller/target/dexd/dexd/models/demo/demo-lstm.onnx
echo
echo "== $dexd policy bench =="
"$dexd" policy bench --manifest controller/target/dexd/dexd/models/demo/demo-lstm.yaml --steps 5000
