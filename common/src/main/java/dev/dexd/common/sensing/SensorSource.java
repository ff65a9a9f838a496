package dev.dexd.common.sensing;

import java.util.Set;

/**
 * A sensor input of the daemon: the simulation's sensors, camera poses over UDP, motion capture,
 * fingertips from kinematics, the Giiker cube. Narrow like ros2_control's sensor components: a
 * lifecycle ({@link #configure} -> {@link #start} -> running -> {@link #stop}), health
 * ({@link #state}, {@link #lastError}), {@link #counters}, and one read per kind and tick.
 *
 * <p>A source runs on its own thread(s) and hands its latest samples to the control thread through
 * a lock-free mailbox: {@link #read} copies the latest, never waits, never allocates. A source that
 * computes on the control thread from the hand's reading (kinematics) does so in {@link #onTick}.
 */
public interface SensorSource extends AutoCloseable {
    /** The name the config uses ({@code sim}, {@code udp}, {@code vision}, {@code fk}, {@code mocap_udp}, {@code giiker}). */
    String name();

    /** The kinds this source can provide. */
    Set<SensorKind> kinds();

    /** Checks settings and takes resources (binds sockets, loads models); one-line {@link SensorException} when it cannot. */
    void configure();

    /** Starts the source's threads; samples flow from now on. */
    void start();

    /** Stops the threads and releases everything; idempotent, from any state. */
    void stop();

    SourceState state();

    /** The last error met (the source may have recovered), or null. */
    String lastError();

    SourceCounters counters();

    /** One line for the start-up self-check and {@code sensors}: where it reads from, with what. */
    String describe();

    /** A short phrase of its health for status lines ("running", "connected, battery 85%"). Any thread. */
    default String status() {
        return state().text();
    }

    /**
     * Control thread, once per tick per kind it was chosen for: copies the latest sample of
     * {@code kind} into {@code out}'s sample of that kind (leaving it as it was when there is nothing
     * newer). Never blocks, never allocates.
     */
    void read(SensorKind kind, SensorFrame out);

    /**
     * Control thread, once per tick, after the hand was read and before any {@link #read}: the hand's
     * joint positions (the hand's joint order) and the reading's stamp on the control clock. A source
     * takes its mailbox's latest here once (or computes from the reading). Nothing by default.
     */
    default void onTick(double[] jointPositions, long handStampNanos) {
    }

    @Override
    default void close() {
        stop();
    }
}
