package dev.dexd.drivers.sensors;

/**
 * Noise, latency and rate of every simulated sensor. Defaults are the values the Dactyl policies
 * were trained against (OpenAI 2018 and 2019): see {@link #defaults()}. Latencies are in policy steps
 * of {@code stepNanos}, as the papers give them, and are drawn once per episode as N(mean, sd)
 * truncated to [0, mean + 4 sd]. Correlated noise is drawn once per episode, sample noise per sample;
 * orientation noise is a rotation by an N(0, sd) angle about a uniformly random axis, so sd is the
 * RMS angle. Invalid values are refused at construction with the name of the field.
 *
 * @param stepNanos                     policy step the latencies are counted in (80 ms)
 * @param cameraRateHz                  frames per second of each of the three cameras
 * @param cameraPositionCorrelatedSd    per-episode cube position offset per axis, metres
 * @param cameraPositionSampleSd        per-sample cube position noise per axis, metres
 * @param cameraOrientationCorrelatedSd per-episode cube orientation error, radians (RMS angle)
 * @param cameraOrientationSampleSd     per-sample cube orientation error, radians (RMS angle)
 * @param cameraLatencyMeanSteps        vision latency mean, steps
 * @param cameraLatencySdSteps          vision latency standard deviation, steps
 * @param faceAnglesRateHz              notifications per second of the Giiker cube
 * @param faceAnglesResolution          face angle quantum, radians (0 disables quantisation)
 * @param faceAnglesLatencyMeanSteps    Giiker latency mean, steps
 * @param faceAnglesLatencySdSteps      Giiker latency standard deviation, steps
 * @param fingertipsRateHz              motion capture frames per second
 * @param fingertipsCorrelatedSd        per-episode fingertip offset per coordinate, metres
 * @param fingertipsSampleSd            per-sample fingertip noise per coordinate, metres
 * @param fingertipsLatencyMeanSteps    motion capture latency mean, steps
 * @param fingertipsLatencySdSteps      motion capture latency standard deviation, steps
 */
public record SensorConfig(
    long stepNanos,
    double cameraRateHz,
    double cameraPositionCorrelatedSd,
    double cameraPositionSampleSd,
    double cameraOrientationCorrelatedSd,
    double cameraOrientationSampleSd,
    double cameraLatencyMeanSteps,
    double cameraLatencySdSteps,
    double faceAnglesRateHz,
    double faceAnglesResolution,
    double faceAnglesLatencyMeanSteps,
    double faceAnglesLatencySdSteps,
    double fingertipsRateHz,
    double fingertipsCorrelatedSd,
    double fingertipsSampleSd,
    double fingertipsLatencyMeanSteps,
    double fingertipsLatencySdSteps) {

    /** Latency draws are truncated this many standard deviations above the mean (bounds the delay lines). */
    public static final double LATENCY_TRUNCATION_SD = 4.0;

    private static final SensorConfig DEFAULTS = new SensorConfig(
        80_000_000L,
        12.5, 0.005, 0.001, 0.1, 0.1, 3.0, 0.5,
        12.5, Math.toRadians(5.0), 1.0, 0.2,
        960.0, 0.001, 0.002, 0.5, 0.1);

    /** Validates every field; the message names the first bad one. */
    public SensorConfig {
        if (stepNanos <= 0) {
            throw new IllegalArgumentException("sensors.stepNanos must be > 0, was " + stepNanos);
        }
        rate("cameraRateHz", cameraRateHz);
        nonNegative("cameraPositionCorrelatedSd", cameraPositionCorrelatedSd);
        nonNegative("cameraPositionSampleSd", cameraPositionSampleSd);
        nonNegative("cameraOrientationCorrelatedSd", cameraOrientationCorrelatedSd);
        nonNegative("cameraOrientationSampleSd", cameraOrientationSampleSd);
        nonNegative("cameraLatencyMeanSteps", cameraLatencyMeanSteps);
        nonNegative("cameraLatencySdSteps", cameraLatencySdSteps);
        rate("faceAnglesRateHz", faceAnglesRateHz);
        nonNegative("faceAnglesResolution", faceAnglesResolution);
        nonNegative("faceAnglesLatencyMeanSteps", faceAnglesLatencyMeanSteps);
        nonNegative("faceAnglesLatencySdSteps", faceAnglesLatencySdSteps);
        rate("fingertipsRateHz", fingertipsRateHz);
        nonNegative("fingertipsCorrelatedSd", fingertipsCorrelatedSd);
        nonNegative("fingertipsSampleSd", fingertipsSampleSd);
        nonNegative("fingertipsLatencyMeanSteps", fingertipsLatencyMeanSteps);
        nonNegative("fingertipsLatencySdSteps", fingertipsLatencySdSteps);
    }

    /** The values from the Dactyl papers (see the field descriptions above). */
    public static SensorConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Capture period of a sensor running at {@code rateHz}, in nanoseconds (at least 1). */
    static long periodNanos(final double rateHz) {
        return Math.max(1L, Math.round(1e9 / rateHz));
    }

    private static void rate(final String name, final double hz) {
        if (!(hz > 0.0) || Double.isInfinite(hz) || 1e9 / hz > Long.MAX_VALUE / 4.0) {
            throw new IllegalArgumentException("sensors." + name + " must be a finite rate > 0 Hz, was " + hz);
        }
    }

    private static void nonNegative(final String name, final double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("sensors." + name + " must be finite and >= 0, was " + value);
        }
    }

    /** Mutable builder for {@link SensorConfig}; each setter is named after its field. */
    public static final class Builder {
        private long stepNanos;
        private double cameraRateHz;
        private double cameraPositionCorrelatedSd;
        private double cameraPositionSampleSd;
        private double cameraOrientationCorrelatedSd;
        private double cameraOrientationSampleSd;
        private double cameraLatencyMeanSteps;
        private double cameraLatencySdSteps;
        private double faceAnglesRateHz;
        private double faceAnglesResolution;
        private double faceAnglesLatencyMeanSteps;
        private double faceAnglesLatencySdSteps;
        private double fingertipsRateHz;
        private double fingertipsCorrelatedSd;
        private double fingertipsSampleSd;
        private double fingertipsLatencyMeanSteps;
        private double fingertipsLatencySdSteps;

        private Builder(final SensorConfig c) {
            stepNanos = c.stepNanos;
            cameraRateHz = c.cameraRateHz;
            cameraPositionCorrelatedSd = c.cameraPositionCorrelatedSd;
            cameraPositionSampleSd = c.cameraPositionSampleSd;
            cameraOrientationCorrelatedSd = c.cameraOrientationCorrelatedSd;
            cameraOrientationSampleSd = c.cameraOrientationSampleSd;
            cameraLatencyMeanSteps = c.cameraLatencyMeanSteps;
            cameraLatencySdSteps = c.cameraLatencySdSteps;
            faceAnglesRateHz = c.faceAnglesRateHz;
            faceAnglesResolution = c.faceAnglesResolution;
            faceAnglesLatencyMeanSteps = c.faceAnglesLatencyMeanSteps;
            faceAnglesLatencySdSteps = c.faceAnglesLatencySdSteps;
            fingertipsRateHz = c.fingertipsRateHz;
            fingertipsCorrelatedSd = c.fingertipsCorrelatedSd;
            fingertipsSampleSd = c.fingertipsSampleSd;
            fingertipsLatencyMeanSteps = c.fingertipsLatencyMeanSteps;
            fingertipsLatencySdSteps = c.fingertipsLatencySdSteps;
        }

        public Builder stepNanos(final long v) {
            stepNanos = v;
            return this;
        }

        public Builder cameraRateHz(final double v) {
            cameraRateHz = v;
            return this;
        }

        public Builder cameraPositionCorrelatedSd(final double v) {
            cameraPositionCorrelatedSd = v;
            return this;
        }

        public Builder cameraPositionSampleSd(final double v) {
            cameraPositionSampleSd = v;
            return this;
        }

        public Builder cameraOrientationCorrelatedSd(final double v) {
            cameraOrientationCorrelatedSd = v;
            return this;
        }

        public Builder cameraOrientationSampleSd(final double v) {
            cameraOrientationSampleSd = v;
            return this;
        }

        public Builder cameraLatencyMeanSteps(final double v) {
            cameraLatencyMeanSteps = v;
            return this;
        }

        public Builder cameraLatencySdSteps(final double v) {
            cameraLatencySdSteps = v;
            return this;
        }

        public Builder faceAnglesRateHz(final double v) {
            faceAnglesRateHz = v;
            return this;
        }

        public Builder faceAnglesResolution(final double v) {
            faceAnglesResolution = v;
            return this;
        }

        public Builder faceAnglesLatencyMeanSteps(final double v) {
            faceAnglesLatencyMeanSteps = v;
            return this;
        }

        public Builder faceAnglesLatencySdSteps(final double v) {
            faceAnglesLatencySdSteps = v;
            return this;
        }

        public Builder fingertipsRateHz(final double v) {
            fingertipsRateHz = v;
            return this;
        }

        public Builder fingertipsCorrelatedSd(final double v) {
            fingertipsCorrelatedSd = v;
            return this;
        }

        public Builder fingertipsSampleSd(final double v) {
            fingertipsSampleSd = v;
            return this;
        }

        public Builder fingertipsLatencyMeanSteps(final double v) {
            fingertipsLatencyMeanSteps = v;
            return this;
        }

        public Builder fingertipsLatencySdSteps(final double v) {
            fingertipsLatencySdSteps = v;
            return this;
        }

        /** Sets every noise standard deviation to zero (latencies and rates unchanged); handy for tests and debugging. */
        public Builder noiseless() {
            cameraPositionCorrelatedSd = 0.0;
            cameraPositionSampleSd = 0.0;
            cameraOrientationCorrelatedSd = 0.0;
            cameraOrientationSampleSd = 0.0;
            fingertipsCorrelatedSd = 0.0;
            fingertipsSampleSd = 0.0;
            return this;
        }

        /** Sets every latency to exactly {@code steps} steps with no spread. */
        public Builder fixedLatencySteps(final double steps) {
            cameraLatencyMeanSteps = steps;
            cameraLatencySdSteps = 0.0;
            faceAnglesLatencyMeanSteps = steps;
            faceAnglesLatencySdSteps = 0.0;
            fingertipsLatencyMeanSteps = steps;
            fingertipsLatencySdSteps = 0.0;
            return this;
        }

        /** A validated configuration. */
        public SensorConfig build() {
            return new SensorConfig(
                stepNanos,
                cameraRateHz, cameraPositionCorrelatedSd, cameraPositionSampleSd,
                cameraOrientationCorrelatedSd, cameraOrientationSampleSd,
                cameraLatencyMeanSteps, cameraLatencySdSteps,
                faceAnglesRateHz, faceAnglesResolution, faceAnglesLatencyMeanSteps, faceAnglesLatencySdSteps,
                fingertipsRateHz, fingertipsCorrelatedSd, fingertipsSampleSd,
                fingertipsLatencyMeanSteps, fingertipsLatencySdSteps);
        }
    }
}
