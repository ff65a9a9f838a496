package dev.dexd.common.sensing;

/**
 * A source's state and last error, written by the source's threads and read by any (volatile
 * fields, no locks). Transitions out of order are bugs of the caller and throw.
 */
public final class SourceLifecycle {
    private final String name;
    private volatile SourceState state = SourceState.UNCONFIGURED;
    private volatile String lastError;

    public SourceLifecycle(String name) {
        this.name = name;
    }

    public SourceState state() {
        return state;
    }

    /** The last error the source met (it may have recovered since), or null. */
    public String lastError() {
        return lastError;
    }

    public void configured() {
        move(SourceState.UNCONFIGURED, SourceState.CONFIGURED);
    }

    public void running() {
        move(SourceState.CONFIGURED, SourceState.RUNNING);
    }

    /** Stopped from any state (idempotent): stop is always allowed. */
    public void stopped() {
        state = SourceState.STOPPED;
    }

    /** The source's thread gave up: FAILED, with the reason. */
    public void failed(String error) {
        lastError = error;
        state = SourceState.FAILED;
    }

    /** An error the source recovers from by itself (a bad packet burst, a reconnect): noted, state kept. */
    public void error(String error) {
        lastError = error;
    }

    private void move(SourceState from, SourceState to) {
        if (state != from) {
            throw new IllegalStateException("sensor source " + name + ": " + to.text() + " when " + state.text()
                + " (expected " + from.text() + ")");
        }
        state = to;
    }
}
