package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.policy.model.DemoPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayDiffCommandTest {
    @Test
    void diffPrintsAgreementPerActuatorAndExitsZeroEvenWhenThePoliciesDisagree(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Daemon d = SimRig.runLockstep(rig.config("diffcli"), 3, 2L);
        String log = d.logDirectory().toString();

        CliRunner.Run same = CliRunner.run("replay", "diff", log, "--manifest", rig.manifest.toString(), "--json");
        assertEquals(0, same.exit(), same.err());
        JsonNode s = new ObjectMapper().readTree(same.out());
        assertEquals(1.0, s.get("agreement").asDouble());
        assertTrue(s.get("first_difference_step").isNull());
        assertEquals(20, s.get("actuators").size());

        // a wider model with another seed: same observation and action, other weights
        Path other = DemoPolicy.generate(64, 9).write(dir.resolve("other"));
        CliRunner.Run diff = CliRunner.run("replay", "diff", log, "--manifest", other.toString());
        assertEquals(0, diff.exit(), "a difference is information, not an error: " + diff.err());
        assertTrue(diff.out().contains("first difference at step "), diff.out());
        assertTrue(diff.out().contains("agreement  mean|dlogit|  first difference"), diff.out());

        CliRunner.Run missing = CliRunner.run("replay", "diff", log, "--manifest", dir.resolve("nope.yaml").toString());
        assertEquals(Dexd.USER_ERROR, missing.exit(), "a missing manifest is a user error");
        assertEquals(1, missing.err().lines().count(), "one line: " + missing.err());
    }
}
