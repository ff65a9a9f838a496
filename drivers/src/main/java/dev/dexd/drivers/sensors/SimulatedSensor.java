package dev.dexd.drivers.sensors;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * What every simulated sensor does the same way: per episode, draw a latency and a capture phase
 * from the seed; per tick, capture a reading when one is due (the subclass says what it reads and
 * how it errs), hold it in a delay line, and publish the newest reading whose latency has elapsed.
 * Allocation free after construction.
 *
 * @param <S> the sample type it publishes
 */
public abstract class SimulatedSensor<S extends SensorSample> {
    private final LatencyModel latency;
    private final CaptureChannel channel;
    private final double[] captured;
    private final double[] released;
    final NoiseSource noise = new NoiseSource();
    final S sample;

    SimulatedSensor(final LatencyModel latency, final double rateHz, final int width, final S sample) {
        this.latency = latency;
        this.channel = new CaptureChannel(SensorConfig.periodNanos(rateHz), latency.maxNanos(), width);
        this.captured = new double[width];
        this.released = new double[width];
        this.sample = sample;
    }

    /** Starts an episode: draws latency, capture phase and the sensor's own per-episode errors from {@code seed}. */
    public final void reset(final long seed) {
        noise.reset(seed);
        final long latencyNanos = latency.draw(noise);
        final long phaseNanos = (long)(noise.nextDouble() * channel.periodNanos());
        drawEpisodeErrors();
        channel.reset(phaseNanos, latencyNanos);
        sample.clear();
    }

    /**
     * Advances to {@code truth.timeNanos}: captures a reading if one is due and publishes the newest
     * reading whose latency has elapsed.
     *
     * @return whether {@link #sample()} changed
     */
    public final boolean onTruth(final WorldTruth truth) {
        final long now = truth.timeNanos;
        if (channel.captureDue(now)) {
            capture(truth, captured);
            channel.push(now, captured);
        }
        if (!channel.release(now, released)) {
            return false;
        }
        unpack(released, sample);
        sample.publish(channel.releasedCaptureNanos(), now);
        return true;
    }

    /** The latest published reading (same instance every call). */
    public final S sample() {
        return sample;
    }

    /** This episode's latency, ns. */
    public final long latencyNanos() {
        return channel.latencyNanos();
    }

    /** Time between readings, ns. */
    public final long periodNanos() {
        return channel.periodNanos();
    }

    /** Readings skipped this episode because ticks were further apart than the period. */
    public final long missedCaptures() {
        return channel.missedCaptures();
    }

    /** Draws this episode's fixed errors (offsets) from {@link #noise}; nothing by default. */
    void drawEpisodeErrors() {
    }

    /** Writes what the sensor reads from {@code truth} now, errors included, into {@code out}. */
    abstract void capture(WorldTruth truth, double[] out);

    /** Copies a released reading into the sample's values. */
    abstract void unpack(double[] reading, S into);
}
