package dev.dexd.controller.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.os.RealtimeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceLoopTest {
    @TempDir
    Path dir;

    @Test
    void theCLoopBuildsWithoutWarningsAndPrintsOneLineOfJson() throws Exception {
        RefloopBuild.Built built = RefloopBuild.build(dir);
        assertEquals(0, built.exit(), built.diagnostics());
        assertEquals("", built.diagnostics(), "gcc -Wall -Wextra warnings");

        Process p = new ProcessBuilder(built.binary().toString(), "--rate", "1000", "--seconds", "0.2").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        assertEquals(1, out.lines().count(), out);
        JsonNode j = new ObjectMapper().readTree(out);
        assertEquals(1_000_000, j.get("period_ns").asLong());
        long ticks = j.get("ticks").asLong();
        assertEquals(200, ticks + j.get("skipped").asLong(), "every period is either run or skipped");
        assertTrue(ticks > 0);
        long p50 = j.get("p50_ns").asLong();
        long p99 = j.get("p99_ns").asLong();
        long max = j.get("max_ns").asLong();
        assertTrue(0 <= p50 && p50 <= j.get("p90_ns").asLong() && p99 <= j.get("p99_9_ns").asLong()
            && j.get("p99_9_ns").asLong() <= max && max < 1_000_000, out);
    }

    @Test
    void badArgumentsExitOneWithUsage() throws Exception {
        Path binary = RefloopBuild.binary(dir);
        Process p = new ProcessBuilder(binary.toString(), "--rate", "0", "--seconds", "1").start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor());
        assertTrue(err.startsWith("usage: dexd-refloop"), err);
    }

    @Test
    void samplesComeBackIntoAHistogramWithTheSettingsApplied() throws Exception {
        ReferenceLoop loop = new ReferenceLoop(RefloopBuild.binary(dir));
        Histogram h = new Histogram(60_000_000_000L, 3);
        ReferenceLoop.Run run = loop.run(500, 0.2, new RealtimeConfig(0, 0, false), 1, h);
        assertEquals(run.ticks(), h.getTotalCount());
        assertEquals(100, run.ticks() + run.skipped());
        assertTrue(run.cpuPinned(), "pinning to CPU 0 needs no privilege: " + run.problems());
        assertEquals(1, run.timerSlackNs());
        assertTrue(h.getMaxValue() < 2_000_000, "lateness stays below a period");
    }
}
