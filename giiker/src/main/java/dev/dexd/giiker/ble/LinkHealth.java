package dev.dexd.giiker.ble;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link GiikerLink} is doing and has done, readable from any thread without locks (for
 * {@code dexd stat}, the status line and the console). Written by the link thread and by dbus-java's
 * signal thread; every field is volatile or atomic.
 */
public final class LinkHealth {
    /** Battery level or charging state not known yet. */
    public static final int UNKNOWN = -1;

    private volatile LinkState state = LinkState.CONFIGURED;
    private volatile String lastError = "";
    private volatile FoundCube cube;
    private volatile int batteryLevel = UNKNOWN;
    private volatile int batteryCharging = UNKNOWN;
    final AtomicLong stateFrames = new AtomicLong();
    final AtomicLong angleFrames = new AtomicLong();
    final AtomicLong systemReplies = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong writeFailures = new AtomicLong();
    final AtomicLong listenerErrors = new AtomicLong();

    public LinkState state() {
        return state;
    }

    /** The last failure, one line ("" if none yet); kept after a recovery so an operator sees what happened. */
    public String lastError() {
        return lastError;
    }

    /** The cube connected to (or last connected to), or null. */
    public FoundCube cube() {
        return cube;
    }

    /** State frames received (including the one read at connect). */
    public long stateFrames() {
        return stateFrames.get();
    }

    /** Face-angle frames received (Nordic UART characteristic). */
    public long angleFrames() {
        return angleFrames.get();
    }

    /** Notifications on the system characteristic (battery and other command replies). */
    public long systemReplies() {
        return systemReplies.get();
    }

    /** Successful connections (notifications on). */
    public long connects() {
        return connects.get();
    }

    /** Successful connections after the first: how often the link came back. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Connections lost (the cube disconnected or its device object went away). */
    public long disconnects() {
        return disconnects.get();
    }

    /** Attempts (scan, connect, resolve, subscribe) that failed. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Commands written to the cube. */
    public long writes() {
        return writes.get();
    }

    public long writeFailures() {
        return writeFailures.get();
    }

    /** Exceptions thrown by the listener (caught, counted, never allowed to stop the link). */
    public long listenerErrors() {
        return listenerErrors.get();
    }

    /** Battery level in percent from the last 0xB5 reply, or {@link #UNKNOWN}. */
    public int batteryLevel() {
        return batteryLevel;
    }

    /** The reply's third byte (1 charged, 2 charging, 3 not charging), or {@link #UNKNOWN}. */
    public int batteryCharging() {
        return batteryCharging;
    }

    void state(final LinkState s) {
        state = s;
    }

    void error(final String message) {
        lastError = message == null ? "" : message;
    }

    void cube(final FoundCube c) {
        cube = c;
    }

    void battery(final int level, final int charging) {
        batteryLevel = level;
        batteryCharging = charging;
    }

    /** One line: state, cube, battery and counters. */
    @Override
    public String toString() {
        final FoundCube c = cube;
        return "state=" + state.name().toLowerCase(java.util.Locale.ROOT)
            + (c == null ? "" : " cube=" + c.name() + "/" + c.address())
            + " battery=" + (batteryLevel == UNKNOWN ? "?" : batteryLevel + "%")
            + " frames=" + stateFrames() + " angle_frames=" + angleFrames()
            + " connects=" + connects() + " reconnects=" + reconnects() + " disconnects=" + disconnects()
            + " failed_attempts=" + failedAttempts() + " writes=" + writes() + " write_failures=" + writeFailures()
            + " listener_errors=" + listenerErrors()
            + (lastError.isEmpty() ? "" : " last_error=\"" + lastError + "\"");
    }
}
