package dev.dexd.controller.console;

import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DaemonState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code watch} line, from the daemon's live counters alone: single-writer values read on the
 * console thread, so watching costs the control thread nothing at all.
 */
final class StatusLine {
    private StatusLine() {
    }

    static StreamLine of(ConsoleBackend b) {
        DaemonCounters c = b.counters();
        long steps = c.steps().get();
        DaemonState state = DaemonState.ofCode(c.counter(dev.dexd.controller.counters.DexdCounter.STATE).get());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("state", state == null ? "unknown" : state.displayName());
        d.put("step", steps);
        d.put("time_s", Math.round(steps * (double) b.periodNanos() / 1e7) / 100.0);
        d.put("episode", c.episode().get());
        d.put("subgoals_done", c.subgoalsDone().get());
        d.put("subgoals_failed", c.subgoalsFailed().get());
        d.put("estop", c.estopLatched().get() != 0 ? "on" : "off");
        d.put("overruns", c.overruns().get());
        d.put("worst_late_ms", Math.round(c.worstLatenessNs().get() / 1e4) / 100.0);
        d.put("stale_holds", c.staleSensorHolds().get());
        d.put("clips", c.safetyClips().get());
        d.put("lost_log_records", c.lostLogRecords().get());
        d.put("log_failing", c.logFailing().get() != 0 ? "yes" : "no");
        StringBuilder sb = new StringBuilder(200);
        d.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(format(v)));
        return new StreamLine(sb.toString(), d);
    }

    private static String format(Object v) {
        if (v instanceof Double x) {
            long hundredths = Math.round(x * 100);
            long frac = Math.abs(hundredths % 100);
            return (hundredths < 0 ? "-" : "") + Math.abs(hundredths / 100) + (frac < 10 ? ".0" : ".") + frac;
        }
        return String.valueOf(v);
    }
}
