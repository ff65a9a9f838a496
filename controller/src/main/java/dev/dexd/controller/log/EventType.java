package dev.dexd.controller.log;

/**
 * What an event record reports. The codes are stored in logs: never renumber, only append.
 */
public enum EventType {
    EPISODE_START(1),
    /** Text starts with the reason: {@code successes}, {@code drop}, {@code timeout}, {@code shutdown}, ... */
    EPISODE_END(2),
    GOAL_PUSHED(3),
    SUBGOAL_START(4),
    SUBGOAL_SUCCESS(5),
    SUBGOAL_TIMEOUT(6),
    DROP(7),
    ESTOP(8),
    ESTOP_RESET(9),
    STATE_RESET(10),
    PERTURBATION(11),
    CONSOLE_COMMAND(12),
    DRIVER_ERROR(13),
    STALE_SENSOR(14),
    /**
     * The environment the run found (self-check, configuration source): the only event type left
     * out of the run digest, since it describes the machine rather than what the run did.
     */
    CONFIG(15),
    ERROR(16),
    /**
     * The trailer, written last by the log itself on a clean close: text {@code lost_records=N
     * lost_steps=L write_errors=M steps=S events=E digest=<sha256>} (see {@link RunDigest}); not in
     * the digest it carries.
     */
    SHUTDOWN(17),
    /**
     * The logger found the log's file system below {@code log.warn_free_mb}; machine-dependent, so
     * left out of the run digest like CONFIG.
     */
    DISK_LOW(18),
    /** The policy's logits or carried state were not finite: holding (once per burst of such steps). */
    POLICY_NONFINITE(19),
    /** An actuator's following error stayed over the limit: the text names the actuator; e-stop latched. */
    FOLLOWING_ERROR(20),
    /**
     * Log retention deleted an old run's directory (text: which, its size, why). Describes the machine,
     * not the run: left out of the run digest like DISK_LOW.
     */
    LOG_DELETED(21);

    private static final EventType[] BY_CODE;

    static {
        int max = 0;
        for (EventType t : values()) {
            max = Math.max(max, t.code);
        }
        BY_CODE = new EventType[max + 1];
        for (EventType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    EventType(int code) {
        this.code = code;
    }

    /** The stable code stored in the log. */
    public int code() {
        return code;
    }

    /** The type with this code, or null for a code this version does not know. */
    public static EventType fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
