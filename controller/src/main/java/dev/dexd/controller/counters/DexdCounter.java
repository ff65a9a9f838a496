package dev.dexd.controller.counters;

/**
 * The daemon's live counters, in the order they are allocated in the counters file (so the
 * counter id is the ordinal) and with their type id (ordinal + 1) and label as {@code dexd stat}
 * shows them. Values are longs; times in nanoseconds unless the label says otherwise.
 */
public enum DexdCounter {
    STEPS("steps"),
    OVERRUNS("overruns (ticks skipped, counted once per skip)"),
    WORST_LATENESS_NS("worst tick lateness (ns)"),
    WORST_INFERENCE_NS("worst inference time (ns)"),
    STALE_SENSOR_HOLDS("stale-sensor holds"),
    SAFETY_CLIPS("safety clips"),
    LOST_LOG_RECORDS("lost log records"),
    SUBGOALS_DONE("subgoals done"),
    SUBGOALS_FAILED("subgoals failed"),
    EPISODE("episode"),
    ESTOP_LATCHED("e-stop latched (0/1)"),
    HEARTBEAT_MS("heartbeat (epoch ms)"),
    STATE("state (0 configure, 1 ready, 2 running, 3 stopping)"),
    /** Latched by the logger thread when it failed to write a record (the records are counted as lost). */
    LOG_FAILING("log failing: records not written (0/1)"),
    LOG_FREE_MB("free space on the log's disk (MB)"),
    NONFINITE_HOLDS("non-finite policy holds (observation or outputs)"),
    DRIVER_ERRORS("driver errors (failed calls and FAULT reads)"),
    FOLLOWING_ERROR_TRIPS("following-error trips"),
    POLICY_ERRORS("policy runtime errors (held steps)"),
    CONTROL_ERRORS("control step failures (each latched the e-stop and held)"),
    SENSORS_ERRORS("sensors thread errors (its data goes stale: hold)"),
    CONSOLE_ERRORS("console errors (the connection was closed)"),
    HEALTH_ERRORS("health thread errors (watchdog pings may stop: systemd restarts dexd)"),
    LOG_RUNS_DELETED("old run logs deleted by log retention"),
    ESTOPS("e-stops latched (times, updated each tick)");

    private static final DexdCounter[] VALUES = values();

    private final String label;

    DexdCounter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The Agrona type id stored with the counter: lets a reader recognise it whatever the label. */
    public int typeId() {
        return ordinal() + 1;
    }

    /** The counter with this type id, or null for counters added by others. */
    public static DexdCounter ofTypeId(int typeId) {
        return typeId >= 1 && typeId <= VALUES.length ? VALUES[typeId - 1] : null;
    }
}
