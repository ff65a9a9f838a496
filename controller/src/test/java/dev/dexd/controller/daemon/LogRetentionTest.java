package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.StepLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log.retention against a real run: the oldest runs go at start, never the current one, each an event. */
class LogRetentionTest {
    private static final String[] OLD = {"run-20200101-000000-seed1", "run-20200101-000001-seed1",
        "run-20200102-000000-seed1-2", "run-20210101-000000-seed7"};

    @Test
    void keepsTheNewestRunsAndNothingElseIsTouched(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs");
        oldRuns(logs);
        Path other = Files.createDirectories(logs.resolve("notes"));
        Files.writeString(other.resolve("keep.txt"), "not a run");

        Daemon d = SimRig.runLockstep(config(dir, "retention: {max_runs: 3}"), 0.5, null);

        assertEquals(List.of("notes", "run-20200102-000000-seed1-2", "run-20210101-000000-seed7",
            d.logDirectory().getFileName().toString()), names(logs));
        List<String> deleted = deletedEvents(d.logDirectory());
        assertEquals(2, deleted.size(), deleted.toString());
        assertTrue(deleted.get(0).contains(OLD[0]) && deleted.get(0).contains("max_runs 3"), deleted.get(0));
        assertTrue(deleted.get(1).contains(OLD[1]), deleted.get(1));
    }

    @Test
    void overTheSizeLimitEveryOldRunGoesButNeverTheCurrentOne(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs");
        oldRuns(logs);
        Daemon d = SimRig.runLockstep(config(dir, "retention: {max_gb: 0.000001}"), 0.5, null);
        assertEquals(List.of(d.logDirectory().getFileName().toString()), names(logs));
        assertEquals(OLD.length, deletedEvents(d.logDirectory()).size());
    }

    @Test
    void offByDefault(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs");
        oldRuns(logs);
        Daemon d = SimRig.runLockstep(new SimRig(dir).config("plain"), 0.5, null);
        assertEquals(OLD.length + 1, names(logs).size());
        assertEquals(0, deletedEvents(d.logDirectory()).size());
    }

    private static Path config(Path dir, String retention) throws IOException {
        Path config = new SimRig(dir).config("retention");
        String logLine = "  dir: " + dir.resolve("logs") + "\n";
        String text = Files.readString(config);
        assertTrue(text.contains(logLine));
        Files.writeString(config, text.replace(logLine, logLine + "  " + retention + "\n"));
        return config;
    }

    private static void oldRuns(Path logs) throws IOException {
        for (String name : OLD) {
            Path run = Files.createDirectories(logs.resolve(name));
            Files.write(run.resolve("20200101.cq4"), new byte[1 << 20]);
        }
    }

    private static List<String> names(Path logs) throws IOException {
        try (Stream<Path> s = Files.list(logs)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> deletedEvents(Path run) {
        List<String> texts = new ArrayList<>();
        try (StepLogReader r = StepLogReader.open(run)) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.LOG_DELETED) {
                    texts.add(r.event().text());
                }
            }
        }
        return texts;
    }
}
