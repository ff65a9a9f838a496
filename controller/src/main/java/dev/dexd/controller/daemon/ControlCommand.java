package dev.dexd.controller.daemon;

import dev.dexd.controller.goals.SubgoalPlan;

/**
 * A request to the control thread, applied at the next tick boundary. Made by any thread (console,
 * signal handler), handed over through a lock-free queue; the control thread writes the outcome and
 * then marks it done, so the requester can poll {@link #isDone()} without ever waiting on the loop.
 */
public final class ControlCommand {
    /** What to do. */
    public enum Type {
        /** Latch the e-stop: the hand holds until RESET. */
        ESTOP,
        /** Clear the e-stop latch. */
        RESET,
        /** Start an episode with the queued goals. */
        START,
        /** Stop the episode: the hand holds. */
        PAUSE,
        /** Zero the policy's recurrent state now (a perturbation). */
        RESET_MEMORY,
        /** Append a subgoal plan to the queue. */
        PUSH_GOALS,
        /** Drop every queued subgoal. */
        CLEAR_GOALS,
        /** Stop the daemon: hold, flush the log, exit. */
        SHUTDOWN
    }

    private final Type type;
    private final SubgoalPlan plan;
    private final long createdNanos = System.nanoTime();
    private volatile boolean done;
    private boolean ok;
    private long appliedStep;
    private long appliedNanos;

    private ControlCommand(Type type, SubgoalPlan plan) {
        this.type = type;
        this.plan = plan;
    }

    public static ControlCommand of(Type type) {
        if (type == Type.PUSH_GOALS) {
            throw new IllegalArgumentException("PUSH_GOALS needs a plan: use push(plan)");
        }
        return new ControlCommand(type, null);
    }

    public static ControlCommand push(SubgoalPlan plan) {
        return new ControlCommand(Type.PUSH_GOALS, plan);
    }

    public Type type() {
        return type;
    }

    public SubgoalPlan plan() {
        return plan;
    }

    /** System.nanoTime() when the command was made (for command-to-effect latency). */
    public long createdNanos() {
        return createdNanos;
    }

    /** Control thread: records the outcome and publishes it. */
    void complete(boolean succeeded, long step, long nanos) {
        this.ok = succeeded;
        this.appliedStep = step;
        this.appliedNanos = nanos;
        this.done = true;
    }

    public boolean isDone() {
        return done;
    }

    /** Whether it took effect (valid once done). */
    public boolean ok() {
        return ok;
    }

    /** The step at whose start it was applied (valid once done). */
    public long appliedStep() {
        return appliedStep;
    }

    /** System.nanoTime() when its effect was written (valid once done). */
    public long appliedNanos() {
        return appliedNanos;
    }
}
