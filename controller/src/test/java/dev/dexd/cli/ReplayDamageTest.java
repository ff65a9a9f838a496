package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.controller.log.StepLogReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real logs (a lockstep run's) damaged three ways: random bytes in a record, a truncated queue file
 * and a zeroed page. {@code replay stats} names the first bad record (its number and byte offset) in
 * one line and exits 1; with {@code --salvage} it summarises the records before it and exits 0 with
 * a warning. Never a stack trace.
 */
class ReplayDamageTest {
    private static final int DAMAGED_RECORD = 150;
    @TempDir
    static Path tmp;
    static Path run;
    static long steps;
    /** Byte offset of record {@link #DAMAGED_RECORD} in the queue file, and the end of the last record. */
    static long recordOffset;

    @BeforeAll
    static void writeRun() throws Exception {
        SimRig rig = new SimRig(tmp);
        Daemon d = SimRig.runLockstep(rig.config("damage"), 6, 3L);
        run = d.logDirectory();
        steps = d.stepsRun();
        try (StepLogReader r = StepLogReader.open(run)) {
            while (r.next() != StepLogReader.Entry.END && r.recordNumber() < DAMAGED_RECORD) {
                // read up to the record to damage
            }
            recordOffset = r.byteOffset();
        }
        assertTrue(recordOffset > 0);
        CliRunner.Run intact = CliRunner.run("replay", "stats", run.toString());
        assertEquals(0, intact.exit(), intact.err());
        assertTrue(intact.out().contains("matches the trailer"), intact.out());
    }

    @Test
    void randomBytesInARecord() throws Exception {
        Path dir = copy("random");
        byte[] noise = new byte[64];
        new Random(42).nextBytes(noise);
        write(queueFile(dir), recordOffset + 300, noise);
        assertNamesTheRecord(dir);
    }

    @Test
    void randomBytesOverARecordsDocumentHeader() throws Exception {
        for (int seed = 1; seed <= 4; seed++) {
            Path dir = copy("random-header-" + seed);
            byte[] noise = new byte[8];
            new Random(seed).nextBytes(noise);
            write(queueFile(dir), recordOffset, noise);
            assertNamesTheRecord(dir);
        }
    }

    @Test
    void aChangedByteInTheHeadersConfigCopy() throws Exception {
        // still parses, so only the header's CRC can tell: a loosened limit in the record of the run
        Path dir = copy("header");
        byte[] file = Files.readAllBytes(queueFile(dir));
        byte[] text = "max_step_rad: 0.5".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(file, text);
        assertTrue(at > 0 && at < recordOffset, "the config copy is in the header");
        write(queueFile(dir), at + text.length - 1, new byte[] {'9'});
        CliRunner.Run stats = CliRunner.run("replay", "stats", dir.toString());
        assertEquals(1, stats.exit(), stats.out() + stats.err());
        assertEquals(1, stats.err().strip().lines().count(), stats.err());
        assertTrue(stats.err().contains("is damaged: record 0 (the header, byte offset"), stats.err());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aTruncatedTail() throws Exception {
        Path dir = copy("truncated");
        try (RandomAccessFile f = new RandomAccessFile(queueFile(dir).toFile(), "rw")) {
            f.setLength(recordOffset + 500);
        }
        assertNamesTheRecord(dir);
    }

    @Test
    void aZeroedPage() throws Exception {
        Path dir = copy("zeroed");
        long page = (recordOffset + 4095) / 4096 * 4096;
        write(queueFile(dir), page, new byte[4096]);
        assertNamesTheRecord(dir);
    }

    @Test
    void aZeroedPageFromARecordsStart() throws Exception {
        // Chronicle reads a zero document header as the end of the queue: the reader must not take it for one
        Path dir = copy("zeroed-at-header");
        write(queueFile(dir), recordOffset, new byte[4096]);
        assertNamesTheRecord(dir);
    }

    @Test
    void aTailTruncatedAtARecordBoundary() throws Exception {
        Path dir = copy("truncated-at-boundary");
        try (RandomAccessFile f = new RandomAccessFile(queueFile(dir).toFile(), "rw")) {
            f.setLength(recordOffset);
        }
        assertNamesTheRecord(dir);
    }

    private static void assertNamesTheRecord(Path dir) {
        CliRunner.Run stats = CliRunner.run("replay", "stats", dir.toString());
        assertEquals(1, stats.exit(), stats.out() + stats.err());
        assertEquals(1, stats.err().strip().lines().count(), "one line: " + stats.err());
        assertTrue(stats.err().contains("is damaged: record ") && stats.err().contains("byte offset"), stats.err());
        // the damage starts in record DAMAGED_RECORD (a zeroed page from the next page boundary: the one after)
        assertTrue(stats.err().contains("record " + DAMAGED_RECORD + " (byte offset " + recordOffset + " ")
            || stats.err().contains("record " + (DAMAGED_RECORD + 1) + " (byte offset "), stats.err());
        assertFalse(stats.err().contains("Exception\n") || stats.err().contains("\tat "), stats.err());
        assertEquals("", stats.out());

        CliRunner.Run salvage = CliRunner.run("replay", "stats", dir.toString(), "--salvage");
        assertEquals(0, salvage.exit(), salvage.err());
        assertTrue(salvage.err().contains("warning:") && salvage.err().contains("is damaged: record "), salvage.err());
        assertFalse(salvage.err().contains("\tat "), salvage.err());
        assertTrue(salvage.out().contains("DAMAGED"), salvage.out());
        assertTrue(salvage.out().contains("steps      "), salvage.out());
        System.out.println(dir.getFileName() + ": " + stats.err().strip());
    }

    private static Path copy(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static Path queueFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static void write(Path file, long offset, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }
}
