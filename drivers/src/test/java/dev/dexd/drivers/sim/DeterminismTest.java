package dev.dexd.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final int STEPS = 10_000;
    private static final int STEPS_PER_WRITE = 40; // an 80 ms control period

    /** The shipped config, randomisation on, loading the library by path. */
    private static HandConfig config(long seed) {
        return HandConfig.load(SimFixture.configsDir().resolve("sim.yaml"))
            .withLibrary(SimFixture.library().toString()).with("seed", Long.toString(seed));
    }

    /** A fixed, busy command sequence: every actuator sweeps its range at its own pace. */
    private static void targets(HandDescription d, int tick, double[] out) {
        for (int a = 0; a < out.length; a++) {
            double mid = 0.5 * (d.actuatorMin(a) + d.actuatorMax(a));
            double half = 0.5 * (d.actuatorMax(a) - d.actuatorMin(a));
            out[a] = mid + 0.8 * half * Math.sin(0.05 * tick * (1 + a % 7));
        }
    }

    /** Runs STEPS physics steps and returns a digest of every step's state and truth, bit for bit. */
    private static long[] run(SimulatedHand hand, long[] digest) {
        HandState s = new HandState();
        WorldTruth w = new WorldTruth();
        double[] t = new double[HandState.ACTUATORS];
        for (int step = 0; step < STEPS; step++) {
            if (step % STEPS_PER_WRITE == 0) {
                targets(hand.describe(), step / STEPS_PER_WRITE, t);
                hand.write(t);
            }
            hand.step(1);
            hand.read(s);
            hand.readTruth(w);
            digest[step] = mix(s, w);
        }
        return digest;
    }

    private static long mix(HandState s, WorldTruth w) {
        long h = s.stampNanos * 31 + s.status;
        for (double[] a : new double[][] {s.jointPos, s.jointVel, s.actuatorPos, s.actuatorEffort,
            w.cubePos, w.cubeQuat, w.faceAngles, w.fingertipPos}) {
            for (double v : a) {
                h = h * 1_000_003 + Double.doubleToRawLongBits(v);
            }
        }
        return h;
    }

    @Test
    void sameSeedGivesTheSameTrajectoryBitForBit() {
        long[] first;
        long[] second;
        HandState endA = new HandState();
        HandState endB = new HandState();
        try (SimulatedHand a = SimFixture.open(config(7)); SimulatedHand b = SimFixture.open(config(7))) {
            first = run(a, new long[STEPS]);
            second = run(b, new long[STEPS]);
            a.read(endA);
            b.read(endB);
            // reset(seed) on a used hand replays the episode too
            a.reset(7);
            long[] third = run(a, new long[STEPS]);
            assertArrayEquals(first, third, "reset(7) replays the episode");
        }
        assertArrayEquals(first, second);
        assertEquals(Arrays.toString(endA.jointPos), Arrays.toString(endB.jointPos));
    }

    @Test
    void anotherSeedGivesAnotherEpisode() {
        try (SimulatedHand a = SimFixture.open(config(7)); SimulatedHand b = SimFixture.open(config(8))) {
            WorldTruth wa = new WorldTruth();
            WorldTruth wb = new WorldTruth();
            a.readTruth(wa);
            b.readTruth(wb);
            assertFalse(Arrays.equals(wa.cubePos, wb.cubePos), "cube pose noise differs");
        }
    }
}
