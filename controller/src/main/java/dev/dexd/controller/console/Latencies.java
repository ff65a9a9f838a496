package dev.dexd.controller.console;

import dev.dexd.controller.command.ControlCommand;
import org.HdrHistogram.Histogram;

/**
 * How long commands took from their arrival at the server ({@link ControlCommand#createdNanos()})
 * to their effect on the control thread ({@link ControlCommand#appliedNanos()}), in microseconds:
 * every control command, and e-stops apart. Event loop only; {@link #copy} for other threads goes
 * through it.
 */
final class Latencies {
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final Histogram all = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram estop = new Histogram(HIGHEST_MICROS, 3);

    /** Records a completed command; returns its latency in microseconds. */
    long record(ControlCommand c) {
        long micros = Math.max(0, (c.appliedNanos() - c.createdNanos()) / 1_000);
        long v = Math.min(micros, HIGHEST_MICROS);
        all.recordValue(v);
        if (c.type() == ControlCommand.Type.ESTOP) {
            estop.recordValue(v);
        }
        return micros;
    }

    Histogram all() {
        return all;
    }

    Histogram estop() {
        return estop;
    }

    /** Copies of both (all, estop), for another thread. */
    Histogram[] copy() {
        return new Histogram[] {all.copy(), estop.copy()};
    }
}
