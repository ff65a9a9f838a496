package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.SimRig;
import dev.dexd.policy.model.DivergingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model whose outputs are not finite on the neutral observation is refused at start, in one line. */
class BrokenModelRunTest {
    @Test
    void aModelWithNanWeightsIsRefusedByNameBeforeAnythingMoves(@TempDir Path dir) {
        SimRig rig = new SimRig(dir);
        Path manifest = DivergingPolicy.nanWeight().write(dir.resolve("broken"));
        Path config = rig.config("broken", "manifest: " + manifest, null, null, null, null);
        CliRunner.Run r = CliRunner.run("run", "--config", config.toString(), "--lockstep", "--duration", "1");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(DivergingPolicy.MODEL_FILE) && r.err().contains("non-finite output 'logits'")
            && r.err().contains("export it again"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(dir.resolve("logs")) && dir.resolve("logs").toFile().list().length > 0,
            "no run directory left behind");
    }
}
