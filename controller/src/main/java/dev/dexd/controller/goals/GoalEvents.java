package dev.dexd.controller.goals;

/**
 * Bit flags saying what happened in one step of {@link GoalTracker#onStep}: an int rather than an
 * object so that the step record can carry it and the control thread allocates nothing. Several
 * can be set together (a success and the start of the next subgoal, or a drop and the episode end).
 */
public final class GoalEvents {
    /** An episode began: the controller resets the policy's hidden state now, and only then. */
    public static final int EPISODE_STARTED = 1;
    /** A subgoal started; the goal pose changed. */
    public static final int SUBGOAL_STARTED = 1 << 1;
    /** The active subgoal succeeded. */
    public static final int SUBGOAL_SUCCEEDED = 1 << 2;
    /** The active subgoal ran out of steps (the episode ends too). */
    public static final int SUBGOAL_TIMED_OUT = 1 << 3;
    /** The cube was dropped (the episode ends too). */
    public static final int DROPPED = 1 << 4;
    /** The episode ended; {@link GoalTracker#endReason()} says why. */
    public static final int EPISODE_ENDED = 1 << 5;
    /** The episode ended because the goal queue ran out. */
    public static final int QUEUE_EMPTY = 1 << 6;
    /**
     * The subgoal that started is a flip the tracker inserted because the next planned rotation's
     * face was not on top.
     */
    public static final int CORRECTIVE_FLIP = 1 << 7;
    /** The measured pose was not finite: nothing was judged this step, the goal was left as it was. */
    public static final int POSE_INVALID = 1 << 8;
    /** The episode was stopped by {@link GoalTracker#stop()}. */
    public static final int STOPPED = 1 << 9;

    private static final String[] NAMES = {
        "episode-started", "subgoal-started", "subgoal-succeeded", "subgoal-timed-out", "dropped",
        "episode-ended", "queue-empty", "corrective-flip", "pose-invalid", "stopped"};

    private GoalEvents() {
    }

    /** The flags' names separated by spaces, or "none" (allocates: for logs and tests, not per step). */
    public static String describe(final int flags) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(NAMES[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
