package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.timing.RefloopBuild;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchAtOneKilohertzRunsTheDaemonsControlStepNextToTheCLoop() throws Exception {
        Path refloop = RefloopBuild.binary(dir);
        Path config = new dev.dexd.controller.daemon.SimRig(dir).config("bench");
        CliRunner.Run run = CliRunner.run("bench", "--rate", "1000", "--seconds", "1", "--refloop", refloop.toString(),
            "--config", config.toString());
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.contains("dexd bench: 1000 Hz (period 1.000 ms)"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("C clock_nanosleep")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("Java park+spin 200 us")), out);
        assertTrue(out.contains("ratio Java p99 / C p99: "), out);
        assertTrue(out.contains("Java tick body (the daemon's control step)"), out);
        for (String phase : new String[] {"read", "observation", "inference", "decode", "write", "log_handoff"}) {
            assertTrue(out.lines().anyMatch(l -> l.trim().startsWith(phase + " ")), phase + " in " + out);
        }
    }

    @Test
    void jsonHasBothSidesWithTicksAccountedFor() throws Exception {
        Path refloop = RefloopBuild.binary(dir);
        CliRunner.Run run = CliRunner.run("bench", "--rate", "500", "--seconds", "0.4", "--burst", "0.2", "--cpu", "0",
            "--json", "--placeholder", "--refloop", refloop.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertEquals(2, j.get("bursts").asInt());
        for (String side : new String[] {"c", "java"}) {
            JsonNode s = j.get(side);
            assertEquals(200, s.get("ticks").asLong() + s.get("skipped_periods").asLong(), side + ": " + s);
            assertTrue(s.get("p50_us").asDouble() <= s.get("p99_us").asDouble() && s.get("p99_us").asDouble() <= s.get("max_us").asDouble());
        }
        assertTrue(j.get("c_cpu_pinned").asBoolean());
        assertEquals(true, j.get("self_check").get("cpu_pinned").asBoolean());
    }

    @Test
    void aMissingReferenceLoopIsAUserError() {
        CliRunner.Run run = CliRunner.run("bench", "--seconds", "1", "--refloop", dir.resolve("nope").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no executable C reference loop at"), run.err());
    }
}
