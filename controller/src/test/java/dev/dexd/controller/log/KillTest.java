package dev.dexd.controller.log;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a writing process leaves every record it appended readable, with nothing torn. */
class KillTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(90)
    void everyAppendedRecordSurvivesSigkill() throws Exception {
        Path dir = tmp.resolve("killed");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(chronicleFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KilledWriterMain.class.getName());
        command.add(dir.toString());
        Process child = new ProcessBuilder(command).redirectError(tmp.resolve("child.err").toFile()).start();
        long reported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; reported < 3000 && (line = out.readLine()) != null; ) {
                assertTrue(line.startsWith("appended "), "child said: " + line);
                reported = Long.parseLong(line.substring("appended ".length()));
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
        assertTrue(reported >= 3000, "the child reported " + reported + " appended steps before it stopped; see "
            + tmp.resolve("child.err"));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        long steps = 0;
        int events = 0;
        try (StepLogReader r = StepLogReader.open(dir)) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    assertNull(LogFixtures.mismatch(r.step(), steps), "step records are contiguous from 0 and intact");
                    steps++;
                } else {
                    assertEquals(EventType.PERTURBATION, r.event().type(), "no shutdown trailer after a kill");
                    events++;
                }
            }
        }
        assertTrue(steps >= reported, "read " + steps + " steps, the child had appended " + reported);
        assertTrue(events >= reported / 100);

        RunSummary summary = RunSummary.compute(dir);
        assertNull(summary.lostRecords());
        assertEquals(steps, summary.steps());
        assertTrue(summary.toText().contains("lost records unknown"), summary.toText());
    }

    /** The flags Chronicle needs on Java 17+, as given to this JVM by surefire (dexd.jvm.flags). */
    private static List<String> chronicleFlags() {
        List<String> flags = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Dchronicle.")) {
                flags.add(arg);
            }
        }
        assertTrue(flags.contains("-Dchronicle.analytics.disable=true"), "surefire passes dexd.jvm.flags: " + flags);
        return flags;
    }
}
