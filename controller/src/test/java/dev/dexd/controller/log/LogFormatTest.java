package dev.dexd.controller.log;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format 2: the header's field table, read by name; old formats refused; secrets and permissions. */
class LogFormatTest {
    @TempDir
    Path tmp;

    @Test
    void theFieldTableCoversEveryByteOnceAndReadsByName() {
        StepLayout l = LogFixtures.LAYOUT;
        Set<String> names = new HashSet<>();
        boolean[] covered = new boolean[l.length()];
        for (StepField f : l.fields()) {
            assertTrue(names.add(f.name()), "unique name " + f.name());
            assertFalse(f.meaning().isBlank(), f.name() + " has a meaning");
            for (int b = f.offset(); b < f.offset() + f.length(); b++) {
                assertFalse(covered[b], "byte " + b + " is in two fields (" + f.name() + ")");
                covered[b] = true;
            }
        }
        int uncovered = 0;
        for (boolean c : covered) {
            uncovered += c ? 0 : 1;
        }
        assertTrue(uncovered < 8, "only alignment padding is outside the table: " + uncovered + " bytes");

        StepRecord r = new StepRecord(l).wrap(new org.agrona.concurrent.UnsafeBuffer(new byte[l.length()]), 0);
        LogFixtures.fill(r, 42, 7);
        assertEquals(42, l.field("step").getLong(r));
        assertEquals(r.cubePos().get(2), l.field("cube_pos").getDouble(r, 2));
        assertEquals(r.observation().get(95), l.field("observation").getDouble(r, 95));
        assertEquals(r.bins().get(19), l.field("bins").getLong(r, 19));
        assertEquals(r.logHandoffNanos(), l.field("log_handoff_ns").getLong(r));
        assertEquals("m", l.field("cube_pos").unit());
        assertEquals(StepField.Type.FLOAT32, l.field("logits").type());
        assertEquals(l.actuators() * l.bins(), l.field("logits").count());
        assertThrows(IndexOutOfBoundsException.class, () -> l.field("cube_pos").getDouble(r, 3));
        StepLogException e = assertThrows(StepLogException.class, () -> l.field("cube_speed"));
        assertTrue(e.getMessage().contains("no field 'cube_speed'") && e.getMessage().contains("cube_pos"), e.getMessage());
    }

    @Test
    void theHeaderCarriesTheTableAndItIsChecked() throws Exception {
        Path dir = tmp.resolve("run");
        LogFixtures.writeRun(dir, 10);
        try (StepLogReader r = StepLogReader.open(dir)) {
            assertEquals(StepLayout.SCHEMA_VERSION, r.header().schemaVersion());
            assertEquals(LogFixtures.LAYOUT.fields(), r.layout().fields());
        }
        List<String> dump = new java.util.ArrayList<>();
        new net.openhft.chronicle.queue.reader.ChronicleReader().withBasePath(dir).withMessageSink(dump::add).execute();
        String header = String.join("\n", dump);
        assertTrue(header.contains("fields: [") && header.contains("name: cube_quat") && header.contains("type: float64")
            && header.contains("meaning: "), header);
    }

    @Test
    void aFormatOneLogGetsOneLine() {
        Path dir = tmp.resolve("v1");
        try (ChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).rollCycle(LogFormat.ROLL_CYCLE).build();
             ExcerptAppender a = q.createAppender();
             DocumentContext dc = a.writingDocument()) {
            dc.wire().write(LogFormat.HEADER).marshallable(w -> {
                w.write("magic").text(LogFormat.MAGIC);
                w.write("schemaVersion").int32(1);
                w.write("observationSize").int32(96);
            });
        }
        StepLogException e = assertThrows(StepLogException.class, () -> StepLogReader.open(dir).close());
        assertTrue(e.getMessage().startsWith("log format 1 is from an older dexd: " + dir), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void secretsAreRedactedInTheHeadersConfigAtAnyDepth() {
        String yaml = "# the console\nconsole:\n  port: 7777\n  token: hunter2\n  nested:\n    - api_secret: s3cr3t\n"
            + "    - name: x\nhand:\n  Password: pw\n  library: dexd_mujoco\n";
        String red = ConfigRedaction.redact(yaml);
        assertFalse(red.contains("hunter2") || red.contains("s3cr3t") || red.contains("pw\n"), red);
        assertTrue(red.contains("token: " + ConfigRedaction.REDACTED) || red.contains("token: \"" + ConfigRedaction.REDACTED),
            red);
        assertTrue(red.contains("port: 7777") && red.contains("library: dexd_mujoco") && red.contains("name: x"), red);
        assertEquals(red, ConfigRedaction.redact(red), "redacting twice changes nothing");
        String plain = "# comment kept\nclock: lockstep\n";
        assertSame(plain, ConfigRedaction.redact(plain), "a config without secrets is kept as written");

        Path dir = tmp.resolve("secret");
        HeaderRecord h = LogFixtures.header(HeaderRecord.LOCKSTEP, "h", 0);
        h = new HeaderRecord(h.schemaVersion(), h.layout(), h.periodNanos(), h.clockMode(), h.seed(), h.hostName(),
            h.startEpochMillis(), h.dexdVersion(), h.modelSha256(), h.manifestYaml(), yaml, h.actuatorNames(),
            h.jointNames(), null, null, 0);
        StepLog.open(StepLogConfig.of(dir), h).close();
        try (StepLogReader r = StepLogReader.open(dir)) {
            assertFalse(r.header().configYaml().contains("hunter2"), r.header().configYaml());
            assertTrue(r.header().configYaml().contains(ConfigRedaction.REDACTED));
        }
    }

    @Test
    void runDirectoriesAre0750AndTheirFiles0640() throws Exception {
        Path dir = tmp.resolve("logs").resolve("run-1");
        LogFixtures.writeRun(dir, 5);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertTrue(all.size() >= 2, "the queue file and the metadata: " + all);
            for (Path f : all) {
                assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }

    @Test
    void tooLittleFreeSpaceRefusesTheStartInOneLine() {
        Path dir = tmp.resolve("full");
        StepLogException e = assertThrows(StepLogException.class, () -> StepLog.open(
            new StepLogConfig(dir, StepLogConfig.DEFAULT_RING_BYTES, false, Long.MAX_VALUE / 2, 0),
            LogFixtures.header(HeaderRecord.LOCKSTEP, "h", 0)));
        assertTrue(e.getMessage().contains("MB free, less than log.min_free_mb"), e.getMessage());
        assertFalse(Files.exists(dir), "nothing is created when the start is refused");
    }
}
