package dev.dexd.controller.log;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.main.DumpMain;
import net.openhft.chronicle.queue.reader.ChronicleReader;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLogReaderTest {
    @TempDir
    Path tmp;

    @Test
    void missingDirectoryFileAndEmptyDirectoryAreOneLineErrors() throws Exception {
        assertMessage(tmp.resolve("nope"), "does not exist");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertMessage(file, "is not a dexd log: it is a file");
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertMessage(empty, "is not a dexd log: it holds no Chronicle Queue files");
    }

    @Test
    void aQueueThatIsNotADexdLogIsNamedAsSuch() {
        Path dir = tmp.resolve("other");
        try (ChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).rollCycle(LogFormat.ROLL_CYCLE).build();
             ExcerptAppender a = q.createAppender()) {
            a.writeText("hello");
        }
        assertMessage(dir, "is not a dexd log");
    }

    @Test
    void anUnknownSchemaVersionNamesBothVersions() {
        Path dir = tmp.resolve("future");
        try (ChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).rollCycle(LogFormat.ROLL_CYCLE).build();
             ExcerptAppender a = q.createAppender();
             DocumentContext dc = a.writingDocument()) {
            dc.wire().write(LogFormat.HEADER).marshallable(w -> {
                w.write("magic").text(LogFormat.MAGIC);
                w.write("schemaVersion").int32(99);
            });
        }
        assertMessage(dir, "log format 99 is from a newer dexd");
        assertMessage(dir, "this one reads format " + StepLayout.SCHEMA_VERSION);
    }

    @Test
    void chronicleToolsReadTheLog() throws Exception {
        Path dir = tmp.resolve("tools");
        try (StepLog log = LogFixtures.open(dir).start()) {
            EventWriter events = log.newEventWriter();
            for (long s = 0; s < 20; s++) {
                LogFixtures.fill(log.claimStep(), s, s);
                log.commitStep();
            }
            events.write(EventType.SUBGOAL_SUCCESS, 19, 19 * LogFixtures.PERIOD_NANOS, "flip to U");
        }
        List<String> messages = new ArrayList<>();
        new ChronicleReader().withBasePath(dir).withMessageSink(messages::add).execute();
        String all = String.join("\n", messages);
        assertTrue(all.contains("header: {") && all.contains("magic: dexd-step-log") && all.contains("schemaVersion: " + StepLayout.SCHEMA_VERSION),
            all.substring(0, Math.min(all.length(), 2000)));
        assertTrue(all.contains("A_19"), "actuator names are listed");
        assertTrue(all.contains("step: 19,"), "step numbers are readable");
        assertTrue(all.contains("type: SUBGOAL_SUCCESS") && all.contains("text: flip to U"), "events are readable");
        assertTrue(all.contains("type: SHUTDOWN"), "the trailer is readable");
        assertEquals(1 + 20 + 2, messages.stream().filter(m -> m.matches("(?s).*(header|step|event): \\{.*")).count());

        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dir); PrintStream out = new PrintStream(dump, true, StandardCharsets.UTF_8)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".cq4")).toList()) {
                DumpMain.dump(f.toFile(), out, Long.MAX_VALUE);
            }
        }
        String text = dump.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("magic: dexd-step-log"), "DumpMain shows the header");
        assertTrue(text.contains("step: 7,"), "DumpMain shows the steps");
        assertTrue(text.contains("SUBGOAL_SUCCESS"), "DumpMain shows the events");
    }

    private static void assertMessage(Path dir, String part) {
        StepLogException e = assertThrows(StepLogException.class, () -> StepLogReader.open(dir).close());
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), "names the directory: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
