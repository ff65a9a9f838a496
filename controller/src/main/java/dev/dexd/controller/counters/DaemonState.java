package dev.dexd.controller.counters;

/** The daemon's lifecycle, as the number in the STATE counter. */
public enum DaemonState {
    CONFIGURE(0), READY(1), RUNNING(2), STOPPING(3);

    private final int code;

    DaemonState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The state for a counter value, or null if the value is not one. */
    public static DaemonState ofCode(long code) {
        for (DaemonState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    /** "running" */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
