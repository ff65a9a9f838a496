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

# Real-time privileges. The installed config asks for SCHED_FIFO and mlockall; the shipped unit grants them
# with LimitRTPRIO=/LimitMEMLOCK=, which systemd (PID 1) can set only up to its own hard limits. A real PID 1
# may raise those; a container started without CAP_SYS_RESOURCE by a shell with low hard limits cannot
# (not even with nspawn's --rlimit=). There the test adds a TEST-ONLY drop-in granting the equivalent
# capabilities, if the container's bounding set has them (container-test.sh passes them to nspawn), AFTER
# the exposure above was measured on the shipped unit; and says which path was used (RT-PATH).
prio=$(sed -n 's/^  fifo_priority: *\([0-9][0-9]*\).*/\1/p' /etc/dexd/dexd.yaml | head -n 1)
lockmem=$(sed -n 's/^  lock_memory: *\([a-z]*\).*/\1/p' /etc/dexd/dexd.yaml | head -n 1)
if [ "${prio:-0}" -gt 0 ] && [ "$lockmem" = true ]; then
  pass "realtime-config: /etc/dexd/dexd.yaml asks for control.fifo_priority $prio and control.lock_memory true"
else
  fail "realtime-config: /etc/dexd/dexd.yaml has fifo_priority '$prio', lock_memory '$lockmem' (dexd service install sets 80 and true)"
  prio=${prio:-0}
fi
rtprio_ceiling=$(awk '/^Max realtime priority/ { print $5 }' /proc/1/limits)
memlock_ceiling=$(awk '/^Max locked memory/ { print $5 }' /proc/1/limits)
pid1_bnd=$(sed -n 's/^CapBnd:\t//p' /proc/1/status)
CAPS_NICE_LOCK=0000000000804000   # CAP_IPC_LOCK (bit 14) | CAP_SYS_NICE (bit 23)
DROPIN_DIR=/etc/systemd/system/dexd.service.d
DROPIN=$DROPIN_DIR/90-test-realtime-capabilities.conf
if { [ "$rtprio_ceiling" = unlimited ] || [ "$rtprio_ceiling" -ge "$prio" ]; } && [ "$memlock_ceiling" = unlimited ]; then
  RT_PATH=rlimits
  echo "RT-PATH rlimits: the shipped unit's LimitRTPRIO=99/LimitMEMLOCK=infinity (PID 1's hard limits: RTPRIO $rtprio_ceiling, MEMLOCK $memlock_ceiling), no capabilities" >> $OUT
elif [ $(( 0x$pid1_bnd & 0x$CAPS_NICE_LOCK )) -eq $(( 0x$CAPS_NICE_LOCK )) ]; then
  RT_PATH=capabilities
  memlock_text=$memlock_ceiling
  [ "$memlock_ceiling" = unlimited ] || memlock_text="$(( memlock_ceiling / 1048576 )) MB"
  mkdir -p $DROPIN_DIR
  cat > $DROPIN <<DROPIN_END
# TEST ONLY (dexd-container-check): this machine's hard limits (RLIMIT_RTPRIO $rtprio_ceiling, RLIMIT_MEMLOCK
# $memlock_text) are below what LimitRTPRIO=/LimitMEMLOCK= ask and PID 1 cannot raise them (no
# CAP_SYS_RESOURCE): grant the same two privileges as capabilities. A capability held in a private user
# namespace does not count for sched_setscheduler/mlockall (checked in the initial one): PrivateUsers=no.
[Service]
CapabilityBoundingSet=CAP_SYS_NICE CAP_IPC_LOCK
AmbientCapabilities=CAP_SYS_NICE CAP_IPC_LOCK
PrivateUsers=no
DROPIN_END
  systemctl daemon-reload
  echo "RT-PATH capabilities drop-in because the machine's hard limits are RTPRIO $rtprio_ceiling / MEMLOCK $memlock_text (PID 1 cannot raise them): $DROPIN grants CAP_SYS_NICE CAP_IPC_LOCK (ambient), PrivateUsers=no; the exposure above is the shipped unit's, without it" >> $OUT
  if v=$(systemd-analyze verify /etc/systemd/system/dexd.service 2>&1) && [ -z "$v" ]; then
    pass "unit-verify-with-drop-in: systemd-analyze verify is clean"
  else
    fail "unit-verify-with-drop-in: $(echo "$v" | tr '\n' ' ')"
  fi
  score2=$(systemd-analyze security dexd.service 2>/dev/null | sed -n 's/.*Overall exposure level for dexd.service: \([0-9.]*\).*/\1/p')
  info "exposure-with-drop-in: ${score2:-?} (the shipped unit: ${score:-?}; the drop-in is this test's, not shipped)"
else
  RT_PATH=none
  echo "RT-PATH none: PID 1's hard limits are RTPRIO $rtprio_ceiling / MEMLOCK $memlock_ceiling and its bounding set $pid1_bnd lacks CAP_SYS_NICE or CAP_IPC_LOCK" >> $OUT
fi

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
  # state, step, rate, faults and the sensor sources (the installed simulation's: "sources sim")
  case "$status" in
    *running*", sources "[a-z]*) pass "status: $status" ;;
    "") fail "status: no Status: line in systemctl status dexd" ;;
    *) fail "status: '$status' (want the state and 'sources <label>', e.g. 'running, step 26, 12.5 Hz, faults 0, sources sim (stale holds 0)')" ;;
  esac
else
  needs "status: no STATUS= before sd_notify"
fi

# The hardening in force: the user, SCHED_FIFO on the control thread only (at the configured priority),
# locked memory, and no capabilities but the test drop-in's.
user=$(ps -o user= -p "$pid" | tr -d ' ')
[ "$user" = dexd ] && pass "runs-as: $user" || fail "runs-as: $user (want dexd)"
if [ "$RT_PATH" = none ]; then
  echo "ENV-LIMIT sched-fifo: this machine's systemd may grant RLIMIT_RTPRIO up to $rtprio_ceiling only (no CAP_SYS_RESOURCE) and cannot grant CAP_SYS_NICE: not checkable here" >> $OUT
  echo "ENV-LIMIT memory-locked: this machine's systemd may grant RLIMIT_MEMLOCK up to $memlock_ceiling bytes only (no CAP_SYS_RESOURCE) and cannot grant CAP_IPC_LOCK: not checkable here" >> $OUT
else
  fifo=""; i=0
  while [ -z "$fifo" ] && [ $i -lt 100 ]; do
    for t in /proc/$pid/task/*; do
      if grep -Eq '^policy +: +1$' "$t/sched" 2>/dev/null; then fifo="$fifo $(cat "$t/comm")($(chrt -p "${t##*/}" | sed -n 's/.*priority: //p'))"; fi
    done
    [ -z "$fifo" ] && sleep 0.1; i=$((i + 1))
  done
  if [ "$(echo $fifo)" = "dexd-control($prio)" ]; then
    pass "sched-fifo: exactly one SCHED_FIFO thread, dexd-control at priority $prio, user dexd ($RT_PATH)"
  else
    fail "sched-fifo: SCHED_FIFO threads:${fifo:- none} (want exactly dexd-control($prio))"
  fi
  # VmLck is the size of the locked mappings (mlockall locks every one, reserved address space included), VmRSS what is resident
  vmlck=$(awk '/^VmLck:/ { print $2 }' /proc/$pid/status)
  vmrss=$(awk '/^VmRSS:/ { print $2 }' /proc/$pid/status)
  [ "${vmlck:-0}" -gt 0 ] && pass "memory-locked: VmLck $vmlck kB (VmRSS $vmrss kB), user dexd ($RT_PATH)" || fail "memory-locked: VmLck ${vmlck:-?} kB"
fi
info "dexd's self-check: $(journalctl -u dexd _PID=$pid --no-pager -o cat 2>/dev/null | grep -E 'real-time +:|memory lock +:' | sed 's/^<[0-9]>//; s/^self-check: //' | tr -s ' ' | tr '\n' ';')"
info "pid1-limits: $(grep -E 'realtime priority|locked memory' /proc/1/limits | tr -s ' ' | tr '\n' ';') unit: $(systemctl show -p LimitRTPRIO -p LimitMEMLOCK dexd | tr '\n' ' ')"
info "limits: $(grep -E 'realtime priority|locked memory' /proc/$pid/limits | tr -s ' ' | tr '\n' ';')"
caps=$(sed -n 's/^CapEff:\t//p' /proc/$pid/status)
if [ "$RT_PATH" = capabilities ]; then
  [ "$caps" = $CAPS_NICE_LOCK ] && pass "capabilities: CapEff $caps (CAP_SYS_NICE, CAP_IPC_LOCK: the test drop-in's, nothing else)" \
    || fail "capabilities: CapEff $caps (want $CAPS_NICE_LOCK: CAP_SYS_NICE, CAP_IPC_LOCK only)"
else
  [ "$caps" = 0000000000000000 ] && pass "no-capabilities: CapEff $caps" || fail "no-capabilities: CapEff $caps"
fi

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
