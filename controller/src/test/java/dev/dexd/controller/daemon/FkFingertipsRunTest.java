package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.sensing.TimedSample;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.drivers.sim.WorldTruth;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fingertips: {source: fk}} over a whole daemon run: every step's logged fingertips (MuJoCo's
 * forward kinematics of the joints the hand reported) within 1 mm of the simulation's truth.
 *
 * <p>The comparison: the truth is read in process, from the same simulation, at the instant of each
 * tick's hand reading (a world wrapper's {@code beforeRead}, which the control step calls just before
 * it reads the hand; in lockstep nothing moves in between). Comparing against a second run with
 * {@code fingertips: sim} instead would not be the same trajectory: the policy reads the fingertips,
 * so a different input changes its actions and the two runs drift apart.
 */
class FkFingertipsRunTest {
    static final int STEPS = 250; // 5 s at 20 ms, through episode starts, drops and resets

    @Test
    void fkFingertipsAreWithinAMillimetreOfTheTruthOverARun(@TempDir Path dir) throws InterruptedException {
        SimRig rig = new SimRig(dir);
        Path config = rig.config("fk", null, null, null, null, null,
            "fingertips: {source: fk, model: " + SimRig.MODEL + ", stale_ms: 200}");
        TruthAtRead[] made = new TruthAtRead[1];
        Daemon d = Daemon.configure(new Daemon.Options(config, STEPS * 0.020, Boolean.TRUE, 7L, null, null),
            w -> made[0] = new TruthAtRead(w, STEPS + 1));
        TruthAtRead truth = made[0];
        try {
            truth.hand = (SimulatedHand) d.hand();
            d.start();
            d.awaitStop(120_000);
        } finally {
            d.close();
        }
        assertEquals(null, d.failure(), "the control loop failed");

        double worst = 0;
        double moved = 0; // how far a fingertip went from one tick to the next: what a misaligned comparison would miss by
        int compared = 0;
        double[] tips = new double[15];
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            StepLogReader.Entry e;
            while ((e = r.next()) != StepLogReader.Entry.END) {
                if (e != StepLogReader.Entry.STEP) {
                    continue;
                }
                StepRecord s = r.step();
                assertTrue(s.fingertipsCaptureNanos() != TimedSample.NONE, "step " + s.step() + " has fingertips");
                s.fingertips().copyTo(tips);
                int k = (int) s.step();
                for (int i = 0; i < 15; i += 3) {
                    double dx = tips[i] - truth.tips[k][i];
                    double dy = tips[i + 1] - truth.tips[k][i + 1];
                    double dz = tips[i + 2] - truth.tips[k][i + 2];
                    worst = Math.max(worst, Math.sqrt(dx * dx + dy * dy + dz * dz));
                    if (k > 0) {
                        double mx = truth.tips[k][i] - truth.tips[k - 1][i];
                        double my = truth.tips[k][i + 1] - truth.tips[k - 1][i + 1];
                        double mz = truth.tips[k][i + 2] - truth.tips[k - 1][i + 2];
                        moved = Math.max(moved, Math.sqrt(mx * mx + my * my + mz * mz));
                    }
                }
                compared++;
            }
        }
        System.out.println("fk fingertips: " + compared + " steps, worst distance to the truth " + worst * 1e3
            + " mm; largest move of a tip in one tick " + moved * 1e3 + " mm");
        assertEquals(STEPS, compared);
        assertEquals(STEPS, truth.reads, "one truth per tick");
        assertTrue(moved > 0.002, "the fingers moved: a tick's largest move " + moved * 1e3 + " mm");
        assertTrue(worst <= 0.001, "fk fingertips within 1 mm of the truth: worst " + worst * 1e3 + " mm");
    }

    /** The simulation world as the loop sees it, reading the truth's fingertips at each tick's hand reading. */
    static final class TruthAtRead extends ForwardingWorld {
        final double[][] tips;
        final WorldTruth state = new WorldTruth();
        volatile SimulatedHand hand;
        int reads;

        TruthAtRead(World world, int steps) {
            super(world);
            tips = new double[steps][15];
        }

        @Override
        public void beforeRead() {
            world.beforeRead();
            hand.readTruth(state);
            if (reads < tips.length) {
                System.arraycopy(state.fingertipPos, 0, tips[reads], 0, 15);
            }
            reads++;
        }
    }
}
