package dev.dexd.common.startup;

/**
 * Where start-up time goes: with {@code -Ddexd.startup.trace=true} each {@link #mark} prints one
 * line to stderr, "dexd: startup +1234 ms (+56) what", counted from the JVM's start (the process's
 * start time, so the JVM's own boot is included). Off by default: one static boolean read.
 */
public final class StartupTrace {
    private static final boolean ON = Boolean.getBoolean("dexd.startup.trace");
    private static final long START_MS = ON ? ProcessHandle.current().info().startInstant()
        .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis()) : 0;
    private static long last = START_MS;

    private StartupTrace() {
    }

    public static boolean enabled() {
        return ON;
    }

    /** Prints how long since the process started, and since the previous mark. */
    public static synchronized void mark(String what) {
        if (!ON) {
            return;
        }
        long now = System.currentTimeMillis();
        System.err.println("dexd: startup +" + (now - START_MS) + " ms (+" + (now - last) + ") " + what);
        last = now;
    }
}
