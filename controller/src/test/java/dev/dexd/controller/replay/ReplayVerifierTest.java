package dev.dexd.controller.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.controller.log.LogFixtures;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.model.DemoPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayVerifierTest {
    @Test
    void aReplayGivesTheSameActionsBitForBit(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        // smoothing on, and state resets at episode starts: both must be replayed exactly
        Path config = rig.config("replay", "manifest: " + rig.manifest + "\nsmoothing: 0.3", null, null, null, null);
        Daemon d = SimRig.runLockstep(config, 8, 3L);
        ReplayVerifier.Result r = ReplayVerifier.verify(d.logDirectory(), ManifestLoader.load(rig.manifest), n -> { });
        assertTrue(r.ok(), r.firstMismatch());
        assertEquals(400, r.steps());
        assertTrue(r.policySteps() > 300, "the policy ran on most steps: " + r.policySteps());

        Path other = DemoPolicy.generate(32, 4).write(dir.resolve("other"));
        PolicyException e = assertThrows(PolicyException.class,
            () -> ReplayVerifier.verify(d.logDirectory(), ManifestLoader.load(other), n -> { }));
        assertTrue(e.getMessage().contains("is not the one this run used"), e.getMessage());
    }

    /** A logged observation or logit that differs from what the model gives is reported, with its step. */
    @Test
    void aChangedObservationOrLogitIsReportedWithItsStep(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Daemon d = SimRig.runLockstep(rig.config("changed"), 4, 3L);
        long[] target = {-1};
        // the 50th step on which the policy ran
        long[] seen = {0};
        LogFixtures.rewrite(d.logDirectory(), dir.resolve("probe"), s -> {
            if ((s.flags() & StepFlags.POLICY_RAN) != 0 && seen[0]++ == 50) {
                target[0] = s.step();
            }
        });
        assertTrue(target[0] > 0, "the run has 50 policy steps");
        ReplayVerifier.Result same = ReplayVerifier.verify(dir.resolve("probe"), ManifestLoader.load(rig.manifest), n -> { });
        assertTrue(same.ok(), "an unchanged copy verifies: " + same.firstMismatch());

        Path observation = dir.resolve("observation");
        LogFixtures.rewrite(d.logDirectory(), observation, s -> {
            if (s.step() == target[0]) {
                s.observation().set(3, s.observation().get(3) + 0.25f);
            }
        });
        ReplayVerifier.Result r = ReplayVerifier.verify(observation, ManifestLoader.load(rig.manifest), n -> { });
        assertFalse(r.ok());
        assertTrue(r.firstMismatch().startsWith("step " + target[0] + ": "), r.firstMismatch());

        Path logit = dir.resolve("logit");
        LogFixtures.rewrite(d.logDirectory(), logit, s -> {
            if (s.step() == target[0]) {
                s.logits().set(7, Math.nextUp(s.logits().get(7)));
            }
        });
        ReplayVerifier.Result l = ReplayVerifier.verify(logit, ManifestLoader.load(rig.manifest), n -> { });
        assertEquals(1, l.mismatches(), "only the changed step differs: " + l.firstMismatch());
        assertEquals("step " + target[0] + ": logit 7 is ", l.firstMismatch().substring(0, l.firstMismatch().indexOf("is ") + 3));
    }
}
