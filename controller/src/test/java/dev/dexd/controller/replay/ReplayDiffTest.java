package dev.dexd.controller.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.model.DemoPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayDiffTest {
    @Test
    void theSameModelAgreesEverywhereAndAnotherSeedIsReportedAsDifferent(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        // episodes repeat, so the run resets its state: the diff must reset the new policy's state there too
        Daemon d = SimRig.runLockstep(rig.config("diff"), 8, 3L);

        ReplayDiff.Result same = ReplayDiff.diff(d.logDirectory(), ManifestLoader.load(rig.manifest), n -> { });
        DiffStatistics s = same.statistics();
        assertEquals(400, same.steps());
        assertTrue(same.stateResets() >= 1, "the run reset its state at least once: " + same.stateResets());
        assertTrue(s.steps() > 100, "the policy ran on many steps: " + s.steps());
        assertEquals(1.0, s.agreement());
        assertEquals(1.0, s.stepsAgreeing());
        assertEquals(-1, s.firstDifference());
        for (int a = 0; a < s.actuators(); a++) {
            assertEquals(1.0, s.agreement(a));
            assertEquals(0.0, s.meanAbsLogitDifference(a), "identical logits, actuator " + a);
            assertEquals(-1, s.firstDifference(a));
        }

        Path other = DemoPolicy.generate(32, 4).write(dir.resolve("other"));
        ReplayDiff.Result diff = ReplayDiff.diff(d.logDirectory(), ManifestLoader.load(other), n -> { });
        DiffStatistics o = diff.statistics();
        assertEquals(s.steps(), o.steps(), "the same steps are compared");
        assertTrue(o.agreement() < 1.0, "another seed disagrees somewhere: " + o.agreement());
        assertTrue(o.firstDifference() >= 0);
        long earliest = Long.MAX_VALUE;
        for (int a = 0; a < o.actuators(); a++) {
            assertTrue(o.meanAbsLogitDifference(a) > 0, "other weights give other logits, actuator " + a);
            if (o.firstDifference(a) >= 0) {
                earliest = Math.min(earliest, o.firstDifference(a));
                assertTrue(o.agreement(a) < 1.0);
            } else {
                assertEquals(1.0, o.agreement(a));
            }
        }
        assertEquals(earliest, o.firstDifference(), "the overall first difference is the earliest actuator's");
    }
}
