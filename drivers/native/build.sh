#!/bin/sh
# The Maven build's entry to the native build (make does the work). The tools are checked first so
# that a missing one is reported in one line that says what to install.
CC=${CC:-gcc}
for tool in make "$CC"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool not found: install it with 'apt-get install -y build-essential'" >&2
    exit 1
  fi
done
if [ ! -f /usr/include/mujoco/mujoco.h ] || [ ! -f "$("$CC" -print-file-name=libmujoco.so)" ]; then
  echo "MuJoCo not found: install it with 'apt-get install -y libmujoco-dev'" >&2
  exit 1
fi
exec make -s "$@"
