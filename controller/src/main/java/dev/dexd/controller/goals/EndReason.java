package dev.dexd.controller.goals;

/** Why the last episode ended. */
public enum EndReason {
    /** No episode has ended yet, or one is running. */
    NONE,
    /** The configured number of consecutive successes was reached. */
    SUCCESSES,
    /** The cube was dropped. */
    DROP,
    /** A subgoal ran out of time. */
    TIMEOUT,
    /** Every queued subgoal succeeded and nothing more was queued. */
    QUEUE_EMPTY,
    /** The operator or the controller stopped it. */
    STOPPED;

    /** Lower-case name with hyphens, for status lines and the log. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
