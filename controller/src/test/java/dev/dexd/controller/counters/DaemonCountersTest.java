package dev.dexd.controller.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.bench.AllocationMeter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        Process writer = startWriter(dir);
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
        Process writer = startWriter(dir);
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

    static Process startWriter(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("counters-writer", ".log");
        List<String> cmd = new ArrayList<>(List.of(java));
        // The JVM flags the daemon runs with (Agrona needs java.base/jdk.internal.misc exported).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CountersWriterMain.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertEquals("ready", first, () -> "writer said: " + readQuietly(log));
        return p;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
