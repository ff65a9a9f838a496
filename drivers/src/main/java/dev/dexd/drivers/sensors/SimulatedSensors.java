package dev.dexd.drivers.sensors;

import dev.dexd.drivers.sim.WorldTruth;

/**
 * Every simulated sensor behind one call per tick: three cameras (left, right, top) estimating the
 * cube pose, a Giiker-style cube reporting face angles and motion capture reporting fingertips. Feed
 * it the simulation's truth every tick with {@link #onTruth}; read the latest samples and their
 * capture times. Single-threaded: one thread calls {@code reset}, {@code onTruth} and the accessors
 * (copy samples out with their {@code copyFrom} to hand them to another thread).
 *
 * <p>Deterministic: the same seed and the same sequence of truths give bit-identical samples. Each
 * sensor draws from its own stream derived from the seed, so changing one sensor's settings does not
 * change another's noise.
 */
public final class SimulatedSensors {
    /** Camera indices. */
    public static final int CAMERA_LEFT = 0;
    public static final int CAMERA_RIGHT = 1;
    public static final int CAMERA_TOP = 2;
    /** Number of cameras. */
    public static final int CAMERAS = 3;

    /** Bits of the mask {@link #onTruth} returns: which sensors published on that tick. */
    public static final int UPDATED_CAMERA_LEFT = 1;
    public static final int UPDATED_CAMERA_RIGHT = 1 << 1;
    public static final int UPDATED_CAMERA_TOP = 1 << 2;
    public static final int UPDATED_FACE_ANGLES = 1 << 3;
    public static final int UPDATED_FINGERTIPS = 1 << 4;

    private static final int STREAM_FACE_ANGLES = CAMERAS;
    private static final int STREAM_FINGERTIPS = CAMERAS + 1;

    private final SensorConfig config;
    private final SimulatedCamera[] cameras = new SimulatedCamera[CAMERAS];
    private final SimulatedGiikerCube giiker;
    private final SimulatedMotionCapture motionCapture;

    private long seed;
    private long lastTruthNanos;
    private boolean seenTruth;
    private int lastUpdates;
    private long clockRegressions;

    /** All sensors, ready for an episode with seed 0; call {@link #reset} to start a real one. */
    public SimulatedSensors(final SensorConfig config) {
        this.config = config;
        for (int i = 0; i < CAMERAS; i++) {
            cameras[i] = new SimulatedCamera(i, config);
        }
        giiker = new SimulatedGiikerCube(config);
        motionCapture = new SimulatedMotionCapture(config);
        reset(0L);
    }

    /**
     * Starts an episode: clears every sample and draws each sensor's per-episode quantities (latency,
     * phase, correlated errors) from {@code seed}. The first truth seen afterwards starts the clocks.
     */
    public void reset(final long seed) {
        this.seed = seed;
        for (int i = 0; i < CAMERAS; i++) {
            cameras[i].reset(NoiseSource.streamSeed(seed, i));
        }
        giiker.reset(NoiseSource.streamSeed(seed, STREAM_FACE_ANGLES));
        motionCapture.reset(NoiseSource.streamSeed(seed, STREAM_FINGERTIPS));
        seenTruth = false;
        lastTruthNanos = 0;
        lastUpdates = 0;
        clockRegressions = 0;
    }

    /**
     * Advances every sensor to {@code truth.timeNanos}. Call once per simulation tick with the new
     * truth; the truth is read, never kept. A truth older than the previous one is ignored and counted
     * (see {@link #clockRegressions}): reset the sensors when the simulation is reset. Allocation free.
     *
     * @return a mask of {@code UPDATED_*} bits naming the sensors that published on this tick
     */
    public int onTruth(final WorldTruth truth) {
        final long now = truth.timeNanos;
        if (seenTruth && now < lastTruthNanos) {
            clockRegressions++;
            lastUpdates = 0;
            return 0;
        }
        seenTruth = true;
        lastTruthNanos = now;
        int updates = 0;
        for (int i = 0; i < CAMERAS; i++) {
            if (cameras[i].onTruth(truth)) {
                updates |= UPDATED_CAMERA_LEFT << i;
            }
        }
        if (giiker.onTruth(truth)) {
            updates |= UPDATED_FACE_ANGLES;
        }
        if (motionCapture.onTruth(truth)) {
            updates |= UPDATED_FINGERTIPS;
        }
        lastUpdates = updates;
        return updates;
    }

    /** The mask returned by the last {@link #onTruth} call. */
    public int lastUpdates() {
        return lastUpdates;
    }

    /** Whether any sensor in {@code mask} (UPDATED_* bits) published on the last tick. */
    public boolean updated(final int mask) {
        return (lastUpdates & mask) != 0;
    }

    /** Latest cube pose from camera {@code camera} ({@link #CAMERA_LEFT}, {@link #CAMERA_RIGHT}, {@link #CAMERA_TOP}). */
    public CubePoseSample cubePose(final int camera) {
        return cameras[camera].sample();
    }

    /** Latest face angles. */
    public FaceAnglesSample faceAngles() {
        return giiker.sample();
    }

    /** Latest fingertip positions. */
    public FingertipsSample fingertips() {
        return motionCapture.sample();
    }

    /** Camera {@code camera} itself, for its episode latency and counters. */
    public SimulatedCamera camera(final int camera) {
        return cameras[camera];
    }

    /** The face angle sensor itself. */
    public SimulatedGiikerCube giikerCube() {
        return giiker;
    }

    /** The fingertip sensor itself. */
    public SimulatedMotionCapture motionCapture() {
        return motionCapture;
    }

    /** The seed of the current episode. */
    public long seed() {
        return seed;
    }

    /** Truths ignored this episode because their time went backwards. */
    public long clockRegressions() {
        return clockRegressions;
    }

    /** The configuration these sensors were built with. */
    public SensorConfig config() {
        return config;
    }
}
