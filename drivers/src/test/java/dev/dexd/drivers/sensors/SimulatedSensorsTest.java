package dev.dexd.drivers.sensors;

import static dev.dexd.drivers.sensors.TruthScript.MS;
import static dev.dexd.drivers.sensors.TruthScript.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.drivers.sim.WorldTruth;
import org.junit.jupiter.api.Test;

class SimulatedSensorsTest {
    private static final int ALL = SimulatedSensors.UPDATED_CAMERA_LEFT | SimulatedSensors.UPDATED_CAMERA_RIGHT
        | SimulatedSensors.UPDATED_CAMERA_TOP | SimulatedSensors.UPDATED_FACE_ANGLES
        | SimulatedSensors.UPDATED_FINGERTIPS;

    /**
     * Truth jumps at STEP_AT. Every sample captured before it shows the old value, every one captured at
     * or after it the new one; none is visible before its latency has elapsed, and the first new one is
     * visible no later than latency + one period + one tick after the jump.
     */
    @Test
    void aStepChangeAppearsOnlyAfterEachSensorsLatency() {
        final long stepAt = 2 * SECOND + 3 * MS;
        final long tick = MS;
        for (long seed = 0; seed < 20; seed++) {
            final SimulatedSensors sensors = new SimulatedSensors(SensorConfig.builder().noiseless().build());
            sensors.reset(seed);
            final WorldTruth truth = new WorldTruth();
            final long[] firstNew = {-1, -1, -1, -1, -1};
            for (long t = 0; t < 4 * SECOND; t += tick) {
                final boolean after = t >= stepAt;
                truth.timeNanos = t;
                truth.cubePos[0] = after ? 0.1 : 0.0;
                truth.faceAngles[2] = after ? Math.toRadians(30) : 0.0;
                truth.fingertipPos[7] = after ? 0.01 : 0.0;
                final int updates = sensors.onTruth(truth);
                for (int c = 0; c < SimulatedSensors.CAMERAS; c++) {
                    if ((updates & (SimulatedSensors.UPDATED_CAMERA_LEFT << c)) != 0) {
                        final CubePoseSample s = sensors.cubePose(c);
                        check(s.captureTimeNanos(), s.publishTimeNanos(), t, sensors.camera(c).latencyNanos(), tick);
                        final boolean showsNew = s.position(0) == 0.1;
                        assertEquals(s.captureTimeNanos() >= stepAt, showsNew, "camera " + c + " seed " + seed);
                        firstNew[c] = firstNew[c] < 0 && showsNew ? t : firstNew[c];
                    }
                }
                if ((updates & SimulatedSensors.UPDATED_FACE_ANGLES) != 0) {
                    final FaceAnglesSample s = sensors.faceAngles();
                    check(s.captureTimeNanos(), s.publishTimeNanos(), t, sensors.giikerCube().latencyNanos(), tick);
                    final boolean showsNew = Math.abs(s.angle(2) - Math.toRadians(30)) < 1e-12;
                    assertEquals(s.captureTimeNanos() >= stepAt, showsNew, "faces seed " + seed);
                    firstNew[3] = firstNew[3] < 0 && showsNew ? t : firstNew[3];
                }
                if ((updates & SimulatedSensors.UPDATED_FINGERTIPS) != 0) {
                    final FingertipsSample s = sensors.fingertips();
                    check(s.captureTimeNanos(), s.publishTimeNanos(), t, sensors.motionCapture().latencyNanos(), tick);
                    final boolean showsNew = s.position(2, 1) == 0.01;
                    assertEquals(s.captureTimeNanos() >= stepAt, showsNew, "fingertips seed " + seed);
                    firstNew[4] = firstNew[4] < 0 && showsNew ? t : firstNew[4];
                }
            }
            final long[] latency = {
                sensors.camera(0).latencyNanos(), sensors.camera(1).latencyNanos(), sensors.camera(2).latencyNanos(),
                sensors.giikerCube().latencyNanos(), sensors.motionCapture().latencyNanos()};
            final long[] period = {
                sensors.camera(0).periodNanos(), sensors.camera(1).periodNanos(), sensors.camera(2).periodNanos(),
                sensors.giikerCube().periodNanos(), sensors.motionCapture().periodNanos()};
            for (int i = 0; i < 5; i++) {
                assertTrue(latency[i] > 0, "sensor " + i + " has a latency");
                assertTrue(firstNew[i] >= stepAt + latency[i], "sensor " + i + " too early, seed " + seed);
                assertTrue(firstNew[i] <= stepAt + latency[i] + period[i] + tick, "sensor " + i + " too late");
            }
        }
    }

    private static void check(final long capture, final long publish, final long now, final long latency, final long tick) {
        assertEquals(now, publish, "published on this tick");
        assertTrue(publish - capture >= latency, "visible only after the latency");
        assertTrue(publish - capture < latency + tick, "visible on the first tick after the latency");
    }

    @Test
    void sampleRatesPerSimulatedSecond() {
        final SimulatedSensors sensors = new SimulatedSensors(SensorConfig.defaults());
        sensors.reset(77);
        final WorldTruth truth = new WorldTruth();
        final int[] counts = new int[5];
        for (long t = 0; t < 13 * SECOND; t += MS) {
            TruthScript.moving(truth, t);
            final int updates = sensors.onTruth(truth);
            for (int c = 0; c < SimulatedSensors.CAMERAS; c++) {
                if ((updates & (1 << c)) != 0 && inWindow(sensors.cubePose(c).captureTimeNanos())) {
                    counts[c]++;
                }
            }
            if ((updates & SimulatedSensors.UPDATED_FACE_ANGLES) != 0 && inWindow(sensors.faceAngles().captureTimeNanos())) {
                counts[3]++;
            }
            if ((updates & SimulatedSensors.UPDATED_FINGERTIPS) != 0 && inWindow(sensors.fingertips().captureTimeNanos())) {
                counts[4]++;
            }
        }
        // 10 s window: 12.5 Hz -> 125, 960 Hz -> 9600 (+-1 for where the phase falls).
        for (int i = 0; i < 4; i++) {
            assertEquals(125, counts[i], 1, "sensor " + i);
        }
        assertEquals(9600, counts[4], 1);
        assertEquals(0, sensors.motionCapture().missedCaptures());
    }

    private static boolean inWindow(final long captureNanos) {
        return captureNanos >= SECOND && captureNanos < 11 * SECOND;
    }

    @Test
    void ticksCoarserThanTheRateGiveOneSamplePerTick() {
        final SimulatedSensors sensors = new SimulatedSensors(SensorConfig.defaults());
        sensors.reset(5);
        final WorldTruth truth = new WorldTruth();
        final long tick = 8 * MS;
        for (long t = 0; t <= 2 * SECOND; t += tick) {
            TruthScript.moving(truth, t);
            sensors.onTruth(truth);
        }
        final FingertipsSample s = sensors.fingertips();
        assertEquals(0, s.captureTimeNanos() % tick, "captured on a tick");
        assertEquals(2 * SECOND / tick + 1 - (sensors.motionCapture().latencyNanos() + tick - 1) / tick, s.sequence(), 1);
        assertTrue(sensors.motionCapture().missedCaptures() > 1500);
    }

    @Test
    void sameSeedGivesBitIdenticalSamplesAndDifferentSeedDoesNot() {
        final SimulatedSensors a = new SimulatedSensors(SensorConfig.defaults());
        final SimulatedSensors b = new SimulatedSensors(SensorConfig.defaults());
        final WorldTruth truth = new WorldTruth();
        assertEquals(run(a, 42, truth, b, 42), 0L, "same seed: no differences");
        // Reset restores everything: a second episode with the same seed on used instances is identical too.
        assertEquals(run(a, 42, truth, b, 42), 0L);
        assertTrue(run(a, 42, truth, b, 43) > 0, "different seed: different samples");
    }

    /** Runs both in lockstep for 3 s at 1 ms ticks and returns the number of differing published values. */
    private static long run(
        final SimulatedSensors a, final long seedA, final WorldTruth truth, final SimulatedSensors b, final long seedB) {
        a.reset(seedA);
        b.reset(seedB);
        long differences = 0;
        int seen = 0;
        for (long t = 0; t < 3 * SECOND; t += MS) {
            TruthScript.moving(truth, t);
            final int ua = a.onTruth(truth);
            final int ub = b.onTruth(truth);
            seen |= ua;
            differences += ua == ub ? 0 : 1;
            for (int c = 0; c < SimulatedSensors.CAMERAS; c++) {
                final CubePoseSample sa = a.cubePose(c);
                final CubePoseSample sb = b.cubePose(c);
                unitWithPositiveW(sa);
                differences += sa.captureTimeNanos() == sb.captureTimeNanos() ? 0 : 1;
                differences += diff(sa.position, sb.position) + diff(sa.quaternion, sb.quaternion);
            }
            differences += a.faceAngles().captureTimeNanos() == b.faceAngles().captureTimeNanos() ? 0 : 1;
            differences += diff(a.faceAngles().angles, b.faceAngles().angles);
            differences += a.fingertips().captureTimeNanos() == b.fingertips().captureTimeNanos() ? 0 : 1;
            differences += diff(a.fingertips().positions, b.fingertips().positions);
        }
        assertEquals(ALL, seen, "every sensor published");
        return differences;
    }

    private static long diff(final double[] x, final double[] y) {
        long d = 0;
        for (int i = 0; i < x.length; i++) {
            d += Double.doubleToRawLongBits(x[i]) == Double.doubleToRawLongBits(y[i]) ? 0 : 1;
        }
        return d;
    }

    private static void unitWithPositiveW(final CubePoseSample s) {
        if (s.isValid()) {
            final double n = s.quaternion(0) * s.quaternion(0) + s.quaternion(1) * s.quaternion(1)
                + s.quaternion(2) * s.quaternion(2) + s.quaternion(3) * s.quaternion(3);
            assertEquals(1.0, n, 1e-12);
            assertTrue(s.quaternion(0) >= 0.0);
        }
    }

    @Test
    void resetClearsSamplesAndTimeGoingBackwardsIsIgnored() {
        final SimulatedSensors sensors = new SimulatedSensors(SensorConfig.defaults());
        final WorldTruth truth = new WorldTruth();
        for (long t = 0; t < SECOND; t += MS) {
            TruthScript.moving(truth, t);
            sensors.onTruth(truth);
        }
        assertTrue(sensors.fingertips().isValid() && sensors.cubePose(SimulatedSensors.CAMERA_TOP).isValid());
        truth.timeNanos = SECOND / 2;
        assertEquals(0, sensors.onTruth(truth));
        assertEquals(1, sensors.clockRegressions());
        assertFalse(sensors.updated(ALL));

        sensors.reset(9);
        assertEquals(9, sensors.seed());
        assertFalse(sensors.fingertips().isValid());
        assertFalse(sensors.faceAngles().isValid());
        assertFalse(sensors.cubePose(SimulatedSensors.CAMERA_LEFT).isValid());
        assertEquals(0, sensors.clockRegressions());
        TruthScript.moving(truth, 0); // a new episode may restart the clock
        sensors.onTruth(truth);
        assertEquals(0, sensors.clockRegressions());
    }

    @Test
    void snapshotsCopyEverything() {
        final SimulatedSensors sensors = new SimulatedSensors(SensorConfig.defaults());
        final WorldTruth truth = new WorldTruth();
        for (long t = 0; t < SECOND; t += MS) {
            TruthScript.moving(truth, t);
            sensors.onTruth(truth);
        }
        final CubePoseSample pose = new CubePoseSample().copyFrom(sensors.cubePose(SimulatedSensors.CAMERA_RIGHT));
        assertEquals(SimulatedSensors.CAMERA_RIGHT, pose.camera());
        assertEquals(sensors.cubePose(SimulatedSensors.CAMERA_RIGHT).sequence(), pose.sequence());
        assertEquals(0, diff(pose.quaternion, sensors.cubePose(SimulatedSensors.CAMERA_RIGHT).quaternion));
        final FingertipsSample tips = new FingertipsSample().copyFrom(sensors.fingertips());
        assertEquals(sensors.fingertips().captureTimeNanos(), tips.captureTimeNanos());
        assertEquals(0, diff(tips.positions, sensors.fingertips().positions));
        final FaceAnglesSample faces = new FaceAnglesSample().copyFrom(sensors.faceAngles());
        assertEquals(sensors.faceAngles().publishTimeNanos(), faces.publishTimeNanos());
        assertEquals(0, diff(faces.angles, sensors.faceAngles().angles));
    }
}
