package dev.dexd.common.sensing;

import java.util.Set;

/**
 * What every source does the same way: its name and kinds, and the lifecycle's bookkeeping around
 * the source's own steps ({@link #onConfigure}, {@link #onStart}, {@link #onStop}): a configure that
 * throws leaves the source FAILED with the reason, a stop always ends STOPPED.
 */
public abstract class LifecycleSource implements SensorSource {
    private final String name;
    private final Set<SensorKind> kinds;
    private final SourceLifecycle lifecycle;

    protected LifecycleSource(String name, Set<SensorKind> kinds) {
        this.name = name;
        this.kinds = Set.copyOf(kinds);
        this.lifecycle = new SourceLifecycle(name);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<SensorKind> kinds() {
        return kinds;
    }

    @Override
    public final void configure() {
        try {
            onConfigure();
        } catch (SensorException e) {
            lifecycle.failed(e.getMessage());
            throw e;
        }
        lifecycle.configured();
    }

    @Override
    public final void start() {
        if (state() != SourceState.CONFIGURED) {
            throw new IllegalStateException("sensor source " + name + ": start when " + state().text()
                + " (expected configured)");
        }
        onStart();
        lifecycle.running();
    }

    @Override
    public final void stop() {
        try {
            onStop();
        } finally {
            lifecycle.stopped();
        }
    }

    @Override
    public SourceState state() {
        return lifecycle.state();
    }

    @Override
    public String lastError() {
        return lifecycle.lastError();
    }

    /** Notes an error the source recovers from by itself (kept as {@link #lastError()}). */
    protected final void error(String message) {
        lifecycle.error(message);
    }

    /** Checks settings and takes resources; a {@link SensorException} (one line) when it cannot. */
    protected void onConfigure() {
    }

    /** Starts the source's threads. */
    protected void onStart() {
    }

    /** Stops the threads and releases everything; called in any state, more than once. */
    protected void onStop() {
    }
}
