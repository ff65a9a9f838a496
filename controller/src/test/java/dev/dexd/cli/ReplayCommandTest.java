package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.log.LogFixtures;
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
}
