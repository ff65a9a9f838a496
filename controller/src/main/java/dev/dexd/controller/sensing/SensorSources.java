package dev.dexd.controller.sensing;

import dev.dexd.common.concurrent.TripleBuffer;
import dev.dexd.common.sensing.CubeState;
import dev.dexd.common.sensing.SensorException;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SensorSource;
import dev.dexd.common.sensing.TimedSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The source chosen for each kind of input ({@code sensors:}), with its age limit. The control
 * thread calls {@link #tick} once per tick: each source first sees the hand's reading, then each
 * configured kind is copied into the frame; nothing waits, nothing allocates. A kind with no source
 * keeps no sample and is never stale (the policy and the goals must not need it: checked at start).
 */
public final class SensorSources implements AutoCloseable {
    private static final SensorKind[] KINDS = SensorKind.values();

    private final SensorSource[] byKind = new SensorSource[KINDS.length];
    private final long[] staleNanos = new long[KINDS.length];
    private final SensorSource[] distinct;
    // the control step's cube state for 'solve' without facelets: read off the control path
    private final TripleBuffer<CubeState> cubeStates = new TripleBuffer<>(CubeState::new,
        (from, into) -> into.copyFrom(from));
    private long publishedCubeState;
    private long episodeStartNanos = Long.MIN_VALUE; // control thread only

    /** @param sources per kind (index = ordinal) the source, or null; {@code stale} the age limits (ns) */
    public SensorSources(SensorSource[] sources, long[] stale) {
        List<SensorSource> d = new ArrayList<>();
        for (SensorKind k : KINDS) {
            SensorSource s = sources[k.ordinal()];
            byKind[k.ordinal()] = s;
            staleNanos[k.ordinal()] = s == null ? Long.MAX_VALUE : stale[k.ordinal()];
            if (s != null && !s.kinds().contains(k)) {
                throw new IllegalArgumentException("source " + s.name() + " does not provide " + k.text());
            }
            if (s != null && !d.contains(s)) {
                d.add(s);
            }
        }
        distinct = d.toArray(new SensorSource[0]);
    }

    /**
     * Configures every source (binds its sockets, loads its model): a refused start, before any thread
     * runs. If one fails, every source is stopped again and its one-line {@link SensorException} goes on.
     */
    public SensorSources configure() {
        try {
            for (SensorSource s : distinct) {
                s.configure();
            }
        } catch (RuntimeException e) {
            close();
            throw e instanceof SensorException ? e : new SensorException("sensor source failed to configure: "
                + e.getMessage(), e);
        }
        return this;
    }

    /** Starts every configured source's threads; as {@link #configure} on a failure. */
    public SensorSources start() {
        try {
            for (SensorSource s : distinct) {
                s.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e instanceof SensorException ? e : new SensorException("sensor source failed to start: " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Control thread, every tick: the hand's joints to every source, then each kind into {@code out}.
     * A sample captured before the episode started ({@link #episodeStarted}) is given as none: it shows
     * the world before its reset (a camera's fused pose of the dropped cube is still young then), so
     * the step holds until a sample of the new episode arrives, whatever the source.
     */
    public void tick(double[] jointPositions, long handStampNanos, SensorFrame out) {
        for (SensorSource s : distinct) {
            s.onTick(jointPositions, handStampNanos);
        }
        for (int k = 0; k < byKind.length; k++) {
            SensorSource s = byKind[k];
            if (s != null) {
                s.read(KINDS[k], out);
                TimedSample sample = out.sample(KINDS[k]);
                if (sample.present() && sample.captureNanos < episodeStartNanos) {
                    sample.captureNanos = TimedSample.NONE;
                }
            }
        }
        if (out.cubeState.sequence != publishedCubeState) {
            publishedCubeState = out.cubeState.sequence;
            cubeStates.publish(out.cubeState); // for 'solve' without facelets, off the control path
        }
    }

    /**
     * The latest cube state the control step read, for one reader off the control path (the
     * console's worker); {@code out}'s capture time is NONE when there was none.
     */
    public void latestCubeState(CubeState out) {
        cubeStates.read(out);
    }

    /** Control thread: the world was reset for a new episode at {@code nowNanos} (control clock); older samples are not used. */
    public void episodeStarted(long nowNanos) {
        episodeStartNanos = nowNanos;
    }

    /** The source of {@code kind}, or null. */
    public SensorSource source(SensorKind kind) {
        return byKind[kind.ordinal()];
    }

    /** The age limit of {@code kind}, ns (Long.MAX_VALUE when it has no source). */
    public long staleNanos(SensorKind kind) {
        return staleNanos[kind.ordinal()];
    }

    /** Every source once, in kind order. */
    public List<SensorSource> sources() {
        return Collections.unmodifiableList(java.util.Arrays.asList(distinct));
    }

    /** One line per kind for the start-up self-check: "cube_pose: udp, running: DXPS pose packets on ..." */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (SensorKind k : KINDS) {
            SensorSource s = byKind[k.ordinal()];
            if (s == null) {
                lines.add(k.text() + ": none");
                continue;
            }
            lines.add(k.text() + ": " + s.name() + ", " + s.state().text() + ", stale after "
                + staleNanos[k.ordinal()] / 1_000_000 + " ms: " + s.describe());
        }
        return lines;
    }

    /** Stops every source (idempotent). */
    @Override
    public void close() {
        for (SensorSource s : distinct) {
            try {
                s.stop();
            } catch (RuntimeException ignored) {
                // stopping is best effort: the others must stop too
            }
        }
    }
}
