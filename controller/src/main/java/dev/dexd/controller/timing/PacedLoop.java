package dev.dexd.controller.timing;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.NanoClock;

/**
 * Runs a {@link TickBody} on a {@link TickScheduler} for a number of ticks and records each tick's
 * lateness and the body's duration into histograms: the Java side of {@code dexd bench}, and the
 * shape of the daemon's loop (await the deadline, run the step). Tick 0 anchors the schedule and is
 * not measured, like the C reference loop's start. Allocates nothing per tick.
 */
public final class PacedLoop {
    private final TickScheduler scheduler;
    private final TickBody body;
    private final NanoClock clock;
    private volatile long ticksDone;

    public PacedLoop(TickScheduler scheduler, TickBody body, NanoClock clock) {
        this.scheduler = scheduler;
        this.body = body;
        this.clock = clock;
    }

    /**
     * Runs ticks 1 to {@code lastTick} (skipped ticks are not run) and adds to the histograms;
     * values beyond a histogram's range are recorded as its highest trackable value.
     */
    public void run(long lastTick, Histogram lateness, Histogram bodyNs) {
        scheduler.start();
        body.tick(0);
        while (scheduler.tick() < lastTick) {
            long step = scheduler.awaitNextTick();
            if (step > lastTick) {
                break;
            }
            long began = clock.nanoTime();
            body.tick(step);
            long took = clock.nanoTime() - began;
            record(lateness, scheduler.latenessNs());
            record(bodyNs, took);
            ticksDone = ticksDone + 1;
        }
    }

    /** Ticks measured so far, over all runs; readable from another thread (for a progress line). */
    public long ticksDone() {
        return ticksDone;
    }

    private static void record(Histogram h, long value) {
        h.recordValue(Math.max(0, Math.min(value, h.getHighestTrackableValue())));
    }
}
