package dev.dexd.controller.timing;

import org.agrona.concurrent.IdleStrategy;

/**
 * An Agrona idle strategy that waits for the scheduler's next deadline, whatever work was done:
 * an {@code AgentRunner} with this strategy calls the agent's {@code doWork} once per tick (the
 * control loop's duty cycle is "do the step, sleep to the deadline, spin the rest"). The runner
 * keeps owning the thread, the error handler and the error counter.
 */
public final class DeadlineIdleStrategy implements IdleStrategy {
    private final TickScheduler scheduler;

    public DeadlineIdleStrategy(TickScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void idle(int workCount) {
        scheduler.awaitNextTick();
    }

    @Override
    public void idle() {
        scheduler.awaitNextTick();
    }

    @Override
    public void reset() {
        // Nothing to back off from: every idle waits for exactly one deadline.
    }

    @Override
    public String alias() {
        return "deadline";
    }
}
