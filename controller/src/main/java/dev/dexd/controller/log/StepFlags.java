package dev.dexd.controller.log;

/**
 * Bits of a step record's {@code flags}: why the action was held, what safety changed, what else
 * happened on this tick. Bits 15 to 31 are free for later use; readers ignore bits they don't know.
 */
public final class StepFlags {
    /** The observation was not finite: the policy was skipped and the hold action used. */
    public static final int POLICY_HELD_NONFINITE = 1;
    /** Cube pose older than its age limit: hold. */
    public static final int STALE_CUBE_POSE = 1 << 1;
    /** Face angles older than their age limit: hold. */
    public static final int STALE_FACE_ANGLES = 1 << 2;
    /** Fingertip positions older than their age limit: hold. */
    public static final int STALE_FINGERTIPS = 1 << 3;
    /** Hand state older than its age limit: hold. */
    public static final int STALE_HAND = 1 << 4;
    /** At least one target was clipped to its actuator range. */
    public static final int CLIPPED_RANGE = 1 << 5;
    /** At least one target was limited to the maximum change per step. */
    public static final int CLIPPED_RATE = 1 << 6;
    /** The e-stop latch is set: hold. */
    public static final int ESTOP_HOLD = 1 << 7;
    /** The driver reported an error: hold. */
    public static final int DRIVER_ERROR_HOLD = 1 << 8;
    /** The policy's hidden state was zeroed before this step. */
    public static final int STATE_RESET = 1 << 9;
    /** Paused by the operator: hold. */
    public static final int PAUSED_HOLD = 1 << 10;
    /** This tick started late by more than a period (skipped periods are in the timing group). */
    public static final int OVERRUN = 1 << 11;
    /** The policy ran on this step: its observation, logits and bins are this step's (a replay re-runs it). */
    public static final int POLICY_RAN = 1 << 12;
    /** The policy ran but its logits or carried state were not finite: hold (the state is the last finite one). */
    public static final int POLICY_OUTPUT_NONFINITE = 1 << 13;
    /** An actuator stayed farther from its target than the following-error limit for too long: e-stop, hold. */
    public static final int FOLLOWING_ERROR_HOLD = 1 << 14;

    /** Flags that mean the commanded action is the hold action rather than the policy's. */
    public static final int HOLD_MASK = POLICY_HELD_NONFINITE | STALE_CUBE_POSE | STALE_FACE_ANGLES
        | STALE_FINGERTIPS | STALE_HAND | ESTOP_HOLD | DRIVER_ERROR_HOLD | PAUSED_HOLD | POLICY_OUTPUT_NONFINITE
        | FOLLOWING_ERROR_HOLD;

    /** Number of defined bits; bit i has the name {@code NAMES[i]}. */
    public static final int DEFINED = 15;

    private static final String[] NAMES = {
        "policy_held_nonfinite", "stale_cube_pose", "stale_face_angles", "stale_fingertips", "stale_hand",
        "clipped_range", "clipped_rate", "estop_hold", "driver_error_hold", "state_reset", "paused_hold", "overrun",
        "policy_ran", "policy_output_nonfinite", "following_error_hold"};

    private StepFlags() {
    }

    /** The snake_case name of bit {@code bit} (0-based), or {@code bit_N} for a bit not defined here. */
    public static String name(int bit) {
        return bit >= 0 && bit < NAMES.length ? NAMES[bit] : "bit_" + bit;
    }

    /** The names of the set bits joined with '|', or "none" (allocates: for tools, not the loop). */
    public static String describe(int flags) {
        if (flags == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(name(bit));
            }
        }
        return sb.toString();
    }
}
