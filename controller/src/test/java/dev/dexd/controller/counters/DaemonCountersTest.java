package dev.dexd.controller.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dexd.policy.bench.AllocationMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonCountersTest {
    @TempDir
    Path dir;

    @Test
    void aSeparateReadOnlyMappingSeesEveryCounterByLabelAndTheHeader() {
        CachedEpochClock clock = new CachedEpochClock();
        clock.update(1_700_000_000_000L);
        try (DaemonCounters c = DaemonCounters.create(dir, clock)) {
            assertEquals(CountersFile.in(dir), c.file());
            c.state(DaemonState.RUNNING);
            c.steps().incrementRelease();
            c.steps().incrementRelease();
            c.worstLatenessNs().proposeMaxRelease(5_000);
            c.worstLatenessNs().proposeMaxRelease(3_000);
            c.estopLatched().setRelease(1);
            AtomicCounter extra = c.newCounter("hand: driver errors");
            extra.setRelease(7);
            try (CountersView view = CountersView.open(c.file()).orElseThrow()) {
                assertTrue(view.isReady());
                assertEquals(CountersFile.VERSION, view.version());
                assertEquals(ProcessHandle.current().pid(), view.pid());
                assertTrue(view.startTimeMs() > 0);
                assertEquals(OptionalLong.of(2), view.valueOf("steps"));
                assertEquals(OptionalLong.of(5_000), view.valueOf("worst tick lateness (ns)"));
                assertEquals(OptionalLong.of(1), view.valueOf("e-stop latched (0/1)"));
                assertEquals(OptionalLong.of(7), view.valueOf("hand: driver errors"));
                assertEquals(DaemonState.RUNNING, view.state());
                assertEquals(0, view.heartbeatAgeMs(1_700_000_000_000L));
                List<CountersView.Entry> entries = view.entries();
                assertEquals(DexdCounter.values().length + 1, entries.size());
                for (DexdCounter d : DexdCounter.values()) {
                    assertEquals(d.label(), entries.get(d.ordinal()).label());
                    assertEquals(d.typeId(), entries.get(d.ordinal()).typeId());
                }
                c.steps().incrementRelease();
                assertEquals(3, view.value(DexdCounter.STEPS), "the reader sees live values");
            }
        }
        assertFalse(Files.exists(CountersFile.in(dir)), "a clean close deletes the file");
    }

    @Test
    void onTickKeepsStepsOverrunsWorstLatenessAndHeartbeat() {
        CachedEpochClock clock = new CachedEpochClock();
        clock.update(1_000);
        try (DaemonCounters c = DaemonCounters.create(dir, clock)) {
            c.onTick(500, 0);
            clock.update(2_000);
            c.onTick(9_000, 1);
            c.onTick(700, 1);
            assertEquals(3, c.steps().get());
            assertEquals(1, c.overruns().get());
            assertEquals(9_000, c.worstLatenessNs().get());
            assertEquals(2_000, c.counter(DexdCounter.HEARTBEAT_MS).get());
        }
    }

    @Test
    void noFileMeansNoView() {
        assertTrue(CountersView.open(CountersFile.in(dir)).isEmpty());
    }

    @Test
    void aFileThatIsNotOursIsRejected() throws Exception {
        Files.write(CountersFile.in(dir), new byte[4096]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CountersView.open(CountersFile.in(dir)));
        assertTrue(e.getMessage().contains("is not a dexd counters file"), e.getMessage());
    }

    @Test
    void countersWrittenByAnotherProcessAreReadHereAndItsFileIsNotTakenOver() throws Exception {
        Process writer = CountersWriterMain.start(dir);
        try {
            try (CountersView view = CountersView.open(CountersFile.in(dir)).orElseThrow()) {
                assertEquals(writer.pid(), view.pid());
                assertEquals(OptionalLong.of(12_345), view.valueOf("steps"));
                assertEquals(2, view.value(DexdCounter.OVERRUNS));
                assertEquals(81_000, view.value(DexdCounter.WORST_LATENESS_NS));
                assertEquals(1, view.value(DexdCounter.SAFETY_CLIPS));
                assertEquals(3, view.value(DexdCounter.EPISODE));
                assertEquals(DaemonState.RUNNING, view.state());
                assertTrue(view.ownerAlive());
                assertTrue(view.heartbeatAgeMs(System.currentTimeMillis()) < 5_000);
            }
            CountersFileInUseException e = assertThrows(CountersFileInUseException.class,
                () -> DaemonCounters.create(dir, SystemEpochClock.INSTANCE));
            assertTrue(e.getMessage().contains("another dexd (pid " + writer.pid() + ")"), e.getMessage());
        } finally {
            writer.getOutputStream().close();
            assertTrue(writer.waitFor(10, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(CountersFile.in(dir)), "the writer deleted its file on a clean close");
    }

    @Test
    void aFileLeftByAKilledDaemonIsReplaced() throws Exception {
        Process writer = CountersWriterMain.start(dir);
        writer.destroyForcibly();
        assertTrue(writer.waitFor(10, TimeUnit.SECONDS));
        try (CountersView left = CountersView.open(CountersFile.in(dir)).orElseThrow()) {
            assertFalse(left.ownerAlive());
        }
        try (DaemonCounters c = DaemonCounters.create(dir, SystemEpochClock.INSTANCE);
             CountersView view = CountersView.open(c.file()).orElseThrow()) {
            assertEquals(ProcessHandle.current().pid(), view.pid());
            assertEquals(0, view.value(DexdCounter.STEPS));
            assertEquals(DaemonState.CONFIGURE, view.state());
        }
    }

    /** As in the timing package's AllocationTest: a JIT transient may show once; per-update allocation never. */
    @Test
    void updatingCountersAllocatesNothing() {
        try (DaemonCounters c = DaemonCounters.create(dir, SystemEpochClock.INSTANCE)) {
            AtomicCounter steps = c.steps();
            AtomicCounter worst = c.worstLatenessNs();
            for (int i = 0; i < 20_000; i++) {
                update(c, steps, worst, i);
            }
            long best = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 3 && best != 0; attempt++) {
                long before = AllocationMeter.allocatedBytes();
                for (int i = 0; i < 10_000; i++) {
                    update(c, steps, worst, i);
                }
                long allocated = AllocationMeter.allocatedBytes() - before;
                assertTrue(allocated < 10_000, allocated + " bytes over 10,000 updates");
                best = Math.min(best, allocated);
            }
            assertEquals(0, best);
        }
    }

    private static void update(DaemonCounters c, AtomicCounter steps, AtomicCounter worst, int i) {
        c.onTick(i % 1000, i / 1000);
        steps.incrementRelease();
        worst.proposeMaxRelease(i);
        c.counter(DexdCounter.STALE_SENSOR_HOLDS).incrementRelease();
        c.heartbeat();
        c.state(DaemonState.RUNNING);
    }

    /** Another user's directory under /dev/shm: that user could swap the file the daemon maps and writes. */
    @Test
    void aDirectoryOfAnotherUserIsRefusedNamingItAndTheFix() throws Exception {
        assumeTrue(CountersDirectory.ownUid() == 0, "chown needs root");
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.setAttribute(theirs, "unix:uid", NOBODY);
        CountersDirectoryException e = assertThrows(CountersDirectoryException.class,
            () -> DaemonCounters.create(theirs, SystemEpochClock.INSTANCE));
        assertEquals("the counters directory " + theirs + " is owned by uid 65534, not by this user (uid "
            + CountersDirectory.ownUid() + "), who could replace the counters file: remove it (rm -r " + theirs
            + ") or set counters.dir to a directory of your own", e.getMessage());
        assertFalse(Files.exists(CountersFile.in(theirs)), "nothing written there");

        // a link of ours to their directory is theirs as well
        Path link = Files.createSymbolicLink(dir.resolve("link"), theirs);
        e = assertThrows(CountersDirectoryException.class, () -> DaemonCounters.create(link, SystemEpochClock.INSTANCE));
        assertTrue(e.getMessage().contains("is owned by uid 65534"), e.getMessage());
    }

    @Test
    void aWorldOrGroupWritableDirectoryIsRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        CountersDirectoryException e = assertThrows(CountersDirectoryException.class,
            () -> DaemonCounters.create(open, SystemEpochClock.INSTANCE));
        assertEquals("the counters directory " + open + " is writable by every user (mode 777), who could replace the"
            + " counters file: chmod go-w " + open + ", or set counters.dir to a directory of your own", e.getMessage());
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxr-x"));
        e = assertThrows(CountersDirectoryException.class, () -> DaemonCounters.create(open, SystemEpochClock.INSTANCE));
        assertTrue(e.getMessage().contains("is writable by its group (mode 775)"), e.getMessage());
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        DaemonCounters.create(open, SystemEpochClock.INSTANCE).close();
    }

    @Test
    void aCounterFileOfAnotherUserIsRefusedAndANewDirectoryIsMadeClosed() throws Exception {
        Path made = dir.resolve("a").resolve("dexd");
        try (DaemonCounters c = DaemonCounters.create(made, SystemEpochClock.INSTANCE)) {
            assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(made));
        }
        assumeTrue(CountersDirectory.ownUid() == 0, "chown needs root");
        Files.write(CountersFile.in(made), new byte[16]);
        Files.setAttribute(CountersFile.in(made), "unix:uid", NOBODY);
        CountersDirectoryException e = assertThrows(CountersDirectoryException.class,
            () -> DaemonCounters.create(made, SystemEpochClock.INSTANCE));
        assertTrue(e.getMessage().startsWith("the counters file " + CountersFile.in(made) + " is owned by uid 65534"),
            e.getMessage());
    }

    @Test
    void aDirectoryThatIsAFileOrCannotBeMadeIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        CountersDirectoryException e = assertThrows(CountersDirectoryException.class,
            () -> DaemonCounters.create(file, SystemEpochClock.INSTANCE));
        assertEquals("the counters directory " + file + " is not a directory: remove it, or set counters.dir to another"
            + " directory", e.getMessage());
        e = assertThrows(CountersDirectoryException.class,
            () -> DaemonCounters.create(file.resolve("sub"), SystemEpochClock.INSTANCE));
        assertTrue(e.getMessage().startsWith("cannot create or check the counters directory " + file.resolve("sub")),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** nobody: a uid that is not ours (the tests run as root, who may chown). */
    private static final int NOBODY = 65534;
}
