package dev.dexd.controller.timing;

import dev.dexd.drivers.ClockMode;

/**
 * When the next control tick is due. Tick k is due at {@code start + k * period}: deadlines are
 * absolute, so a late tick never shifts the ones after it.
 *
 * <p>Two implementations share this interface so that the control loop is the same code in both
 * clock modes: {@link RealtimeScheduler} waits on the wall clock, {@link LockstepScheduler} never
 * waits (the caller advances its simulation by exactly one period per tick).
 *
 * <p>The loop is either a plain loop:
 * <pre>{@code
 * while (running) {
 *     long step = scheduler.awaitNextTick();   // the first call anchors tick 0 at "now"
 *     body.tick(step);
 * }
 * }</pre>
 * or an Agrona {@code Agent} run by an {@code AgentRunner} whose idle strategy is
 * {@link DeadlineIdleStrategy}: the runner calls {@code doWork} once per deadline (call
 * {@link #start()} in {@code onStart} so that the first {@code doWork} is tick 0).
 *
 * <p>All methods are for the one thread that runs the loop; none allocates.
 */
public interface TickScheduler {
    /** The scheduler for {@code mode}: absolute wall-clock deadlines (park, then spin the last
     *  {@code spinMarginNs}) in real time; no waiting in lockstep. */
    static TickScheduler of(ClockMode mode, long periodNs, long spinMarginNs) {
        return mode == ClockMode.REALTIME
            ? RealtimeScheduler.parkThenSpin(periodNs, spinMarginNs)
            : new LockstepScheduler(periodNs);
    }

    /** The period in nanoseconds. */
    long periodNs();

    /** Anchors tick 0 at the current time; the caller runs tick 0 now. Restarts a started schedule. */
    void start();

    /**
     * Returns when the next tick is due, and its index. An overrun (the next tick already a full
     * period or more late) skips ahead to the first deadline still in the future, never running a
     * burst of catch-up ticks; {@link #skippedPeriods()} then says how many periods were skipped.
     * Starts the schedule if {@link #start()} was not called (tick 0, due now).
     */
    long awaitNextTick();

    /** Index of the current tick (-1 before the start); skipped periods count, so it is "time / period". */
    long tick();

    /** The current tick's deadline on the scheduler's clock (in lockstep: the simulated time). */
    long deadlineNs();

    /** How late the current tick started: actual start minus deadline (always 0 in lockstep). */
    long latenessNs();

    /** Periods skipped just before the current tick because of an overrun (0 normally). */
    long skippedPeriods();

    /** Overruns since the start: times that ticks were skipped. */
    long overruns();

    /** Periods skipped since the start, over all overruns. */
    long skippedTotal();
}
