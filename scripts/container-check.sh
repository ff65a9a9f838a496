#!/bin/sh
# Runs INSIDE the container booted by scripts/container-test.sh, as a oneshot unit (dexd-check.service),
# with systemd as PID 1 and dexd installed by `dexd service install`. Writes one line per check to
# /dexd-check.out (PASS/FAIL/INFO/SLOW/ENV-LIMIT/NEEDS-NOTIFY name: detail), then DONE, then powers the container off.
# Every wait is bounded. $1: "notify" (the daemon speaks sd_notify) or "pre-notify" (it does not yet:
# the READY/STATUS/watchdog checks are reported as NEEDS-NOTIFY and a drop-in makes the unit simple).
# $2: 1 to fail when READY takes longer than the 3 s target (else it is reported as SLOW).
OUT=/dexd-check.out
MODE=${1:-notify}
STRICT_TIMING=${2:-0}
DEXD=/opt/dexd/bin/dexd
LOGS=/var/log/dexd
# the tools (stat, replay) need no big pre-touched heap: later flags win over the launcher's
export DEXD_JAVA_OPTS="-Xms64m -Xmx256m -XX:-AlwaysPreTouch"
pass() { echo "PASS $*" >> $OUT; }
fail() { echo "FAIL $*" >> $OUT; }
info() { echo "INFO $*" >> $OUT; }
needs() { echo "NEEDS-NOTIFY $*" >> $OUT; }
prop() { systemctl show -p "$1" --value dexd; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
latest_run() { ls -1dt "$LOGS"/*/ 2>/dev/null | head -n 1; }
main_pid_wait() {  # the main PID once dexd is active (up to $1 s)
  i=0
  while [ $i -lt $(( $1 * 10 )) ]; do
    if [ "$(prop ActiveState)" = active ] && [ "$(prop MainPID)" != 0 ]; then prop MainPID; return 0; fi
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
wait_running() {  # without READY=1: poll the daemon's state in its counters (RuntimeDirectory=) until it runs
  w0=$(now_ms); i=0
  while ! timeout 10 $DEXD stat --dir /run/dexd 2>/dev/null | grep -qi 'state running' && [ $i -lt 30 ]; do sleep 0.5; i=$((i + 1)); done
  if timeout 10 $DEXD stat --dir /run/dexd 2>/dev/null | grep -qi 'state running'; then
    pass "counters: dexd stat --dir /run/dexd says RUNNING $(( $(now_ms) - w0 )) ms later (an upper bound: each poll starts a JVM)"
  else
    fail "counters: dexd stat --dir /run/dexd: $(timeout 10 $DEXD stat --dir /run/dexd 2>&1 | head -n 1)"
  fi
}
finish() {
  if grep -q '^FAIL' $OUT; then journalctl -u dexd --no-pager -n 120 -o short-monotonic | sed 's/^/INFO journal: /' >> $OUT; fi
  echo DONE >> $OUT; systemctl --no-block poweroff; exit 0; }

: > $OUT
info "booted: systemd $(systemctl --version | head -n 1 | cut -d' ' -f2), mode $MODE"

# The unit as installed: accepted, its exposure, enabled.
if v=$(systemd-analyze verify /etc/systemd/system/dexd.service 2>&1) && [ -z "$v" ]; then
  pass "unit-verify: systemd-analyze verify is clean"
else
  fail "unit-verify: $(echo "$v" | tr '\n' ' ')"
fi
score=$(systemd-analyze security dexd.service 2>/dev/null | sed -n 's/.*Overall exposure level for dexd.service: \([0-9.]*\).*/\1/p')
if [ -n "$score" ] && awk "BEGIN { exit !($score <= 1.5) }"; then
  pass "exposure: $score (at most 1.5)"
else
  fail "exposure: '${score}' (want at most 1.5)"
fi
[ "$(systemctl is-enabled dexd)" = enabled ] && pass "enabled: dexd.service is enabled" || fail "enabled: $(systemctl is-enabled dexd)"
id dexd >/dev/null 2>&1 && pass "user: $(id dexd)" || fail "user: no user dexd"

# dexd was started at boot; stop it, then time a start from the command line.
timeout 40 systemctl stop dexd
systemctl reset-failed dexd 2>/dev/null
t0=$(now_ms)
if [ "$MODE" = notify ]; then
  timeout 15 systemctl start dexd; rc=$?
  ms=$(( $(now_ms) - t0 ))
  if [ $rc -eq 0 ] && [ "$(prop ActiveState)" = active ]; then
    pass "ready: systemctl start returned after READY=1 in $ms ms, dexd active"
  else
    fail "ready: systemctl start exit $rc after $ms ms, state $(prop ActiveState)/$(prop SubState) (want exit 0, active)"
  fi
  # the issue's target is 3 s on the simulation; a loaded build machine misses it, so a miss fails the
  # test only with DEXD_CONTAINER_STRICT_TIMING=1 (the figure goes into docs/PERFORMANCE.md either way)
  if [ $ms -le 3000 ]; then
    pass "ready-time: $ms ms (target 3000 ms)"
  elif [ "$STRICT_TIMING" = 1 ]; then
    fail "ready-time: $ms ms (target 3000 ms; machine load $(cut -d' ' -f1-3 /proc/loadavg))"
  else
    echo "SLOW ready-time: $ms ms, over the 3000 ms target (machine load $(cut -d' ' -f1-3 /proc/loadavg)); DEXD_CONTAINER_STRICT_TIMING=1 makes this a failure" >> $OUT
  fi
  info "ready-ms: $ms"
else
  timeout 15 systemctl start dexd; rc=$?
  needs "ready: Type=simple drop-in, systemctl start returned in $(( $(now_ms) - t0 )) ms without READY (exit $rc)"
fi
if ! pid=$(main_pid_wait 20); then
  fail "running: dexd is not active: $(prop ActiveState)/$(prop SubState) $(prop Result)"
  journalctl -u dexd --no-pager -n 30 | sed 's/^/INFO journal: /' >> $OUT
  finish
fi
pass "running: main PID $pid"
if [ "$MODE" != notify ]; then
  wait_running
fi

if [ "$MODE" = notify ]; then
  sleep 3  # the STATUS line is refreshed every few seconds; the first comes with READY
  status=$(systemctl status dexd --no-pager 2>/dev/null | sed -n 's/^ *Status: //p')
  [ -n "$status" ] && pass "status: $status" || fail "status: no Status: line in systemctl status dexd"
else
  needs "status: no STATUS= before sd_notify"
fi

# The hardening in force: the user, SCHED_FIFO on the control thread only, locked memory.
user=$(ps -o user= -p "$pid" | tr -d ' ')
[ "$user" = dexd ] && pass "runs-as: $user" || fail "runs-as: $user (want dexd)"
# systemd (PID 1) can grant LimitRTPRIO=/LimitMEMLOCK= only up to its own hard limits; a container started
# without CAP_SYS_RESOURCE by a shell with low limits cannot: then these two checks cannot pass HERE, and say so.
rtprio_ceiling=$(awk '/^Max realtime priority/ { print $5 }' /proc/1/limits)
memlock_ceiling=$(awk '/^Max locked memory/ { print $5 }' /proc/1/limits)
if [ "$rtprio_ceiling" != unlimited ] && [ "$rtprio_ceiling" -lt 80 ]; then
  echo "ENV-LIMIT sched-fifo: this machine's systemd may grant RLIMIT_RTPRIO up to $rtprio_ceiling only (no CAP_SYS_RESOURCE): not checkable here" >> $OUT
else
  fifo=""; i=0
  while [ -z "$fifo" ] && [ $i -lt 100 ]; do
    for t in /proc/$pid/task/*; do
      if grep -Eq '^policy +: +1$' "$t/sched" 2>/dev/null; then fifo="$fifo $(cat "$t/comm")($(chrt -p "${t##*/}" | sed -n 's/.*priority: //p'))"; fi
    done
    [ -z "$fifo" ] && sleep 0.1; i=$((i + 1))
  done
  nfifo=$(echo $fifo | wc -w)
  if [ "$nfifo" -eq 1 ]; then pass "sched-fifo: one thread SCHED_FIFO:$fifo"; else fail "sched-fifo: $nfifo FIFO threads:$fifo (want exactly the control thread)"; fi
fi
if [ "$memlock_ceiling" != unlimited ]; then
  echo "ENV-LIMIT memory-locked: this machine's systemd may grant RLIMIT_MEMLOCK up to $memlock_ceiling bytes only (no CAP_SYS_RESOURCE): not checkable here" >> $OUT
else
  vmlck=$(awk '/^VmLck:/ { print $2 }' /proc/$pid/status)
  [ "${vmlck:-0}" -gt 0 ] && pass "memory-locked: VmLck $vmlck kB" || fail "memory-locked: VmLck ${vmlck:-?} kB"
fi
info "pid1-limits: $(grep -E 'realtime priority|locked memory' /proc/1/limits | tr -s ' ' | tr '\n' ';') unit: $(systemctl show -p LimitRTPRIO -p LimitMEMLOCK dexd | tr '\n' ' ')"
info "limits: $(grep -E 'realtime priority|locked memory' /proc/$pid/limits | tr -s ' ' | tr '\n' ';')"
caps=$(sed -n 's/^CapEff:\t//p' /proc/$pid/status)
[ "$caps" = 0000000000000000 ] && pass "no-capabilities: CapEff $caps" || fail "no-capabilities: CapEff $caps"

# A stall longer than WatchdogSec: systemd kills dexd (SIGABRT) and restarts it; the stalled run's log stays
# readable. Without sd_notify there is no watchdog: the same kill is sent by hand (abort-restart), which
# checks the restart and the killed run's log, not the watchdog.
restarts=$(prop NRestarts)
stalled=$(latest_run)
t0=$(now_ms)
if [ "$MODE" = notify ]; then
  reply=$(printf 'perturb stall 6000\n' | timeout 5 nc -q 1 127.0.0.1 7878 2>&1)
  info "stall: sent 'perturb stall 6000' (WatchdogSec $(prop WatchdogUSec)): $(echo "$reply" | tr '\n' ' ')"
  what=watchdog-restart
else
  needs "watchdog: no WATCHDOG=1 before sd_notify; SIGABRT sent by hand instead (what the watchdog sends)"
  systemctl kill -s SIGABRT --kill-who=main dexd
  what=abort-restart
fi
i=0
while [ $i -lt 300 ]; do
  if [ "$(prop NRestarts)" -gt "$restarts" ] && [ "$(prop ActiveState)" = active ]; then break; fi
  sleep 0.1; i=$((i + 1))
done
if [ "$(prop NRestarts)" -gt "$restarts" ] && [ "$(prop ActiveState)" = active ]; then
  pass "$what: NRestarts $restarts -> $(prop NRestarts), active again $(( $(now_ms) - t0 )) ms later"
else
  fail "$what: NRestarts $restarts -> $(prop NRestarts), state $(prop ActiveState)/$(prop SubState) 30 s later"
fi
if [ -n "$stalled" ] && s=$(timeout 60 $DEXD replay stats "$stalled" 2>&1); then
  pass "stalled-log-readable: dexd replay stats $stalled: $(echo "$s" | head -n 1)"
else
  fail "stalled-log-readable: dexd replay stats ${stalled:-<no run>}: $(echo "$s" | tail -n 2 | tr '\n' ' ')"
fi
if [ "$MODE" != notify ]; then wait_running; fi

# A clean stop: exit 0, the run's log closed with its trailer.
run=$(latest_run)
timeout 40 systemctl stop dexd; rc=$?
code=$(prop ExecMainStatus); result=$(prop Result)
if [ $rc -eq 0 ] && [ "$code" = 0 ] && [ "$result" = success ]; then
  pass "stop: systemctl stop exit 0, dexd exit $code, result $result"
else
  fail "stop: systemctl stop exit $rc, dexd exit $code, result $result"
fi
if list=$(timeout 60 $DEXD replay list "$LOGS" 2>&1) && echo "$list" | grep -F "$(basename "$run")" | grep -q trailer; then
  pass "log-closed: $(echo "$list" | grep -F "$(basename "$run")" | tr -s ' ')"
else
  fail "log-closed: ${run:-<no run>} not listed with a trailer: $(echo "$list" | tail -n 3 | tr '\n' ' ')"
fi
finish
