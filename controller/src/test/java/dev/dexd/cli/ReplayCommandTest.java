package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.controller.log.LogFixtures;
import dev.dexd.controller.log.StepFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir
    Path tmp;

    @Test
    void statsPrintsTheSummary() {
        Path dir = tmp.resolve("run");
        LogFixtures.writeRun(dir, 250);
        CliRunner.Run run = CliRunner.run("replay", "stats", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("steps      250 (0..249)"), run.out());
        assertTrue(run.out().contains("1 subgoal attempted: 1 succeeded"), run.out());
        assertTrue(run.out().contains("digest     sha256 "), run.out());
        assertTrue(run.out().contains(dir.toAbsolutePath().toString()), run.out());
    }

    @Test
    void statsJsonIsOneObject() throws Exception {
        Path dir = tmp.resolve("run");
        LogFixtures.writeRun(dir, 100);
        CliRunner.Run run = CliRunner.run("replay", "stats", dir.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertEquals(100, j.get("steps").asLong());
        assertEquals(64, j.get("digest_sha256").asText().length());
        assertEquals(0, j.get("lost_records").asLong());
    }

    @Test
    void userErrorsAreOneLineAndExitOne() throws Exception {
        CliRunner.Run missing = CliRunner.run("replay", "stats", tmp.resolve("nope").toString());
        assertEquals(1, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("does not exist"), missing.err());

        Path notALog = Files.createDirectory(tmp.resolve("empty"));
        CliRunner.Run empty = CliRunner.run("replay", "stats", notALog.toString());
        assertEquals(1, empty.exit());
        assertTrue(empty.err().contains("is not a dexd log"), empty.err());

        CliRunner.Run noArg = CliRunner.run("replay", "stats");
        assertEquals(1, noArg.exit());
    }

    @Test
    void verifyReportsAChangedObservationWithItsStepAndExitsOne() throws Exception {
        SimRig rig = new SimRig(tmp);
        Daemon d = SimRig.runLockstep(rig.config("verify"), 3, 2L);
        long[] target = {-1};
        Path changed = tmp.resolve("changed");
        LogFixtures.rewrite(d.logDirectory(), changed, s -> {
            if (target[0] < 0 && s.step() >= 40 && (s.flags() & StepFlags.POLICY_RAN) != 0) {
                target[0] = s.step();
                s.observation().set(0, s.observation().get(0) - 1f);
            }
        });
        CliRunner.Run ok = CliRunner.run("replay", "verify", d.logDirectory().toString(), "--manifest", rig.manifest.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        CliRunner.Run bad = CliRunner.run("replay", "verify", changed.toString(), "--manifest", rig.manifest.toString());
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.out().contains("MISMATCH") && bad.out().contains("first: step " + target[0] + ": "), bad.out());
    }

    @Test
    void aLogFolderMeansItsLatestRunAndListShowsThem() throws Exception {
        Path folder = tmp.resolve("logs");
        Path older = folder.resolve("run-a");
        Path newer = folder.resolve("run-b");
        LogFixtures.writeRun(older, 10);
        try (var log = dev.dexd.controller.log.StepLog.open(dev.dexd.controller.log.StepLogConfig.of(newer),
            LogFixtures.header(dev.dexd.controller.log.HeaderRecord.LOCKSTEP, "h", 1_800_000_000_000L)).start()) {
            for (int s = 0; s < 30; s++) {
                LogFixtures.fill(log.claimStep(), s, s);
                log.commitStep();
            }
        }
        // a run still being written (as after a kill) has no trailer yet
        var open = dev.dexd.controller.log.StepLog.open(dev.dexd.controller.log.StepLogConfig.of(folder.resolve("run-c")),
            LogFixtures.header(dev.dexd.controller.log.HeaderRecord.LOCKSTEP, "h", 1_750_000_000_000L)).start();
        try {
            for (int s = 0; s < 5; s++) {
                LogFixtures.fill(open.claimStep(), s, s);
                open.commitStep();
            }
            assertTrue(open.flush(10_000_000_000L));
            Files.createDirectories(folder.resolve("not-a-run"));

            CliRunner.Run stats = CliRunner.run("replay", "stats", folder.toString());
            assertEquals(0, stats.exit(), stats.err());
            assertTrue(stats.err().contains("using the latest run in " + folder + ": run-b"), stats.err());
            assertTrue(stats.out().contains("steps      30 (0..29)"), stats.out());

            CliRunner.Run list = CliRunner.run("replay", "list", folder.toString());
            assertEquals(0, list.exit(), list.err());
            String[] lines = list.out().strip().split("\n");
            assertEquals(4, lines.length, list.out());
            assertTrue(lines[0].startsWith("run ") && lines[0].contains("ended"), list.out());
            assertTrue(lines[1].startsWith("run-a") && lines[1].endsWith("trailer"), list.out());
            assertTrue(lines[2].startsWith("run-c") && lines[2].endsWith("killed") && lines[2].contains(" 5 "), list.out());
            assertTrue(lines[3].startsWith("run-b") && lines[3].endsWith("trailer"), list.out());
            assertTrue(list.out().contains("2027-01-15 08:00:00"), "start times in UTC: " + list.out());
            assertFalse(list.out().contains("not-a-run"), list.out());
        } finally {
            open.close();
        }

        CliRunner.Run none = CliRunner.run("replay", "list", tmp.resolve("nope").toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("does not exist"), none.err());
    }

    @Test
    void statsReportsTheTimePerSubgoalAroundPerturbations() throws Exception {
        Path dir = tmp.resolve("perturbed");
        LogFixtures.writePerturbedRun(dir);
        CliRunner.Run text = CliRunner.run("replay", "stats", dir.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("  reset-memory    2 x  1.28 s (5 subgoals) -> 2.67 s (3 subgoals), x2.08\n"), text.out());
        assertTrue(text.out().contains("  step 215      episode 2    randomise     0.80 s (1) -> 2.00 s (2)  "), text.out());
        CliRunner.Run json = CliRunner.run("replay", "stats", dir.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        JsonNode p = new ObjectMapper().readTree(json.out()).get("perturbations");
        assertEquals(1, p.get("by_kind").get("lock-joint").get("count").asInt());
        assertEquals(2.4, p.get("by_kind").get("lock-joint").get("mean_subgoal_s_before").asDouble(), 1e-12);
        assertEquals(4.0, p.get("by_kind").get("lock-joint").get("mean_subgoal_s_after").asDouble(), 1e-12);
        assertEquals(4, p.get("events").size());
        assertEquals(260, p.get("events").get(3).get("step").asLong());
        assertEquals(3.2, p.get("events").get(3).get("mean_subgoal_s_after").asDouble(), 1e-12);
    }
}
