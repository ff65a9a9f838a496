package dev.dexd.controller.timing;

/**
 * What the control loop does once per tick. The benchmark runs a placeholder ({@link FixedWorkload});
 * the daemon passes its real control step (read sensors, policy, action checks, write, log hand-off).
 * Implementations run on the control thread: no allocation, no locks, no blocking.
 */
@FunctionalInterface
public interface TickBody {
    /** Runs tick number {@code step} (the scheduler's tick index). */
    void tick(long step);
}
