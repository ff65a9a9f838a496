package dev.dexd.controller.systemd;

import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DaemonState;
import dev.dexd.controller.counters.DexdCounter;

/**
 * The one short STATUS= line systemd shows in {@code systemctl status}: state, step, measured rate,
 * faults (every error counter summed, and the e-stop), sensor sources. From the counters alone.
 * Health thread only (keeps the last step and time to measure the rate).
 */
public final class StatusText {
    /** Counters whose sum is "faults". */
    static final DexdCounter[] FAULTS = {DexdCounter.DRIVER_ERRORS, DexdCounter.FOLLOWING_ERROR_TRIPS,
        DexdCounter.POLICY_ERRORS, DexdCounter.CONTROL_ERRORS, DexdCounter.SENSORS_ERRORS, DexdCounter.NONFINITE_HOLDS};

    private final DaemonCounters counters;
    private final String sources;
    private long lastSteps = -1;
    private long lastNanos;

    /** @param sources what feeds the sensors, e.g. "sim" */
    public StatusText(DaemonCounters counters, String sources) {
        this.counters = counters;
        this.sources = sources;
    }

    public String line(long steps, long nowNanos) {
        double hz = lastSteps < 0 || nowNanos == lastNanos ? 0 : (steps - lastSteps) * 1e9 / (nowNanos - lastNanos);
        lastSteps = steps;
        lastNanos = nowNanos;
        DaemonState state = DaemonState.ofCode(counters.counter(DexdCounter.STATE).get());
        long faults = 0;
        for (DexdCounter c : FAULTS) {
            faults += counters.counter(c).get();
        }
        return (state == null ? "unknown" : state.displayName())
            + (counters.estopLatched().get() != 0 ? " E-STOP" : "")
            + ", step " + steps + ", " + String.format("%.1f", hz) + " Hz, faults " + faults
            + ", sources " + sources + " (stale holds " + counters.staleSensorHolds().get() + ")"
            + (counters.logFailing().get() != 0 ? ", LOG FAILING" : "");
    }
}
