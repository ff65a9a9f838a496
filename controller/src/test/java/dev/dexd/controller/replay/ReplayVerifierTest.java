package dev.dexd.controller.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
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
}
