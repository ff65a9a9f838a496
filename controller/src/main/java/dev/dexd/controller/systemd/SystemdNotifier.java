package dev.dexd.controller.systemd;

import java.io.PrintStream;
import java.util.Map;

/**
 * Tells systemd how the service is doing (sd_notify(3)): READY=1, STATUS=, WATCHDOG=1, STOPPING=1.
 * Off (every call does nothing) when the environment has no {@code NOTIFY_SOCKET}, or when
 * libsystemd cannot be loaded (then one warning line at start). The watchdog is on when
 * {@code WATCHDOG_USEC} is set and {@code WATCHDOG_PID} is unset or this process.
 *
 * <p>The environment is a parameter (the daemon passes {@code System.getenv()}): an in-process test
 * can switch notification off even when the test JVM itself runs under systemd. The datagram goes
 * where libsystemd finds {@code NOTIFY_SOCKET} in the process environment, which for a daemon started
 * by systemd is the same variable. Any thread may call; libsystemd opens a socket per call.
 */
public final class SystemdNotifier {
    public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";
    public static final String WATCHDOG_USEC = "WATCHDOG_USEC";
    public static final String WATCHDOG_PID = "WATCHDOG_PID";

    private final LibSystemd lib;
    private final long watchdogNanos;
    private final PrintStream err;
    private volatile boolean failureReported;

    private SystemdNotifier(LibSystemd lib, long watchdogNanos, PrintStream err) {
        this.lib = lib;
        this.watchdogNanos = watchdogNanos;
        this.err = err;
    }

    /** A notifier that never sends (no systemd to tell). */
    public static SystemdNotifier off() {
        return new SystemdNotifier(null, 0, System.err);
    }

    /** From the environment systemd gave the process; warnings (at most one line each) go to {@code err}. */
    public static SystemdNotifier fromEnvironment(Map<String, String> env, PrintStream err) {
        String socket = env.get(NOTIFY_SOCKET);
        if (socket == null || socket.isEmpty()) {
            return new SystemdNotifier(null, 0, err);
        }
        LibSystemd lib;
        try {
            lib = LibSystemd.load();
        } catch (Throwable e) { // UnsatisfiedLinkError, or JNA itself missing its native part
            err.println("<4>dexd: NOTIFY_SOCKET is set but libsystemd cannot be loaded (" + e.getMessage()
                + "): systemd will not be told READY nor get watchdog pings; install libsystemd0");
            return new SystemdNotifier(null, 0, err);
        }
        return new SystemdNotifier(lib, watchdogNanos(env, err), err);
    }

    private static long watchdogNanos(Map<String, String> env, PrintStream err) {
        String usec = env.get(WATCHDOG_USEC);
        if (usec == null || usec.isEmpty()) {
            return 0;
        }
        String pid = env.get(WATCHDOG_PID);
        if (pid != null && !pid.isEmpty() && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
            return 0; // meant for another process (e.g. a wrapper script's)
        }
        try {
            long v = Long.parseLong(usec.trim());
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v * 1_000L;
        } catch (NumberFormatException e) {
            err.println("<4>dexd: WATCHDOG_USEC='" + usec + "' is not a positive number of microseconds: no watchdog"
                + " pings (fix WatchdogSec= in the unit)");
            return 0;
        }
    }

    /** Whether anything is sent at all. */
    public boolean enabled() {
        return lib != null;
    }

    /** systemd's watchdog interval in ns, 0 when there is none; ping at half of it. */
    public long watchdogNanos() {
        return lib != null ? watchdogNanos : 0;
    }

    public void ready(String status) {
        send("READY=1\nSTATUS=" + status);
    }

    public void status(String status) {
        send("STATUS=" + status);
    }

    public void watchdog() {
        send("WATCHDOG=1");
    }

    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + status);
    }

    private void send(String state) {
        if (lib == null) {
            return;
        }
        int r = lib.sd_notify(0, state);
        if (r < 0 && !failureReported) {
            failureReported = true;
            err.println("<4>dexd: sd_notify failed (errno " + -r + "): systemd may not see READY or the watchdog"
                + " pings; is NOTIFY_SOCKET the unit's socket?");
        }
    }
}
