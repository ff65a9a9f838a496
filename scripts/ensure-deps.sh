#!/usr/bin/env bash
# Checks (and where it can, installs) what building and running dexd needs on Debian/Ubuntu:
# a JDK 17+, Maven, gcc, and MuJoCo's development package for the simulated hand; for the tests,
# Debian's python3 with python3-prometheus-client (the real Prometheus text-format parser the
# metrics tests read /metrics with; they also use /usr/bin/python3 as an sd_notify socket peer), and
# dbus-daemon with python3-dbusmock (the BlueZ peer of the Giiker Bluetooth tests).
# Sourced by scripts/demo.sh and scripts/test.sh; prints one line per problem with its fix.
set -euo pipefail

dexd_die() { echo "dexd: $*" >&2; exit 1; }

dexd_apt_install() {
  # $@: Debian packages. Installs them when we are root (or have sudo without a password).
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      dexd_die "missing packages: $*; install them with: sudo apt-get install -y $*"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || dexd_die "missing packages: $* (no apt-get here: install their equivalents by hand)"
  echo "dexd: installing $* ..." >&2
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null \
    || dexd_die "could not install $*: run 'apt-get install -y $*' and look at its message"
}

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v make >/dev/null 2>&1 || missing+=(make)
[ -f /usr/include/mujoco/mujoco.h ] || missing+=(libmujoco-dev)
[ -x /usr/bin/python3 ] || missing+=(python3)
# the tests' second readers (hyparquet, @mcap/core) and the live view's WebSocket client are npm packages
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ! -x /usr/bin/python3 ] || ! /usr/bin/python3 -c 'import prometheus_client.parser' 2>/dev/null; then
  missing+=(python3-prometheus-client)
fi
# the Bluetooth (BlueZ) tests run a private D-Bus bus with python-dbusmock's bluez5 template as the peer
command -v dbus-daemon >/dev/null 2>&1 || missing+=(dbus-daemon)
if [ ! -x /usr/bin/python3 ] || ! /usr/bin/python3 -c 'import dbusmock' 2>/dev/null; then
  missing+=(python3-dbusmock)
fi
if [ ${#missing[@]} -gt 0 ]; then dexd_apt_install "${missing[@]}"; fi

java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
case "$java_major" in
  1.*|9|1[0-6]) dexd_die "Java $java_major found; dexd needs a JDK 17 or newer: apt-get install -y openjdk-17-jdk-headless, or set JAVA_HOME" ;;
esac
