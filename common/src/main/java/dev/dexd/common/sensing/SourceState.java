package dev.dexd.common.sensing;

/**
 * Where a sensor source is in its lifecycle (as ros2_control's components): made, then
 * {@code configure} (sockets bound, settings checked), {@code start} (its thread runs and samples
 * flow), {@code stop}. A source whose thread hit an error it cannot recover from is FAILED; one that
 * recovers by itself (a reconnect) stays RUNNING and says so in its last error and counters.
 */
public enum SourceState {
    UNCONFIGURED, CONFIGURED, RUNNING, STOPPED, FAILED;

    /** Lower-case name for status lines. */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
