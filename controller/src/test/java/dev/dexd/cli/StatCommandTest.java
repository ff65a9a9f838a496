package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.counters.CountersFile;
import dev.dexd.controller.counters.CountersWriterMain;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DaemonState;
import dev.dexd.controller.counters.DexdCounter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutADaemonItSaysSoAndExitsOne() {
        CliRunner.Run run = CliRunner.run("stat", "--dir", dir.toString());
        assertEquals(1, run.exit());
        assertEquals("no dexd running (no counters file at " + CountersFile.in(dir) + ")", run.out().trim());
    }

    @Test
    void printsEveryCounterWithItsLabelWhileTheDaemonRuns() {
        try (DaemonCounters c = DaemonCounters.create(dir, SystemEpochClock.INSTANCE)) {
            c.state(DaemonState.RUNNING);
            c.steps().setRelease(4_321);
            c.worstLatenessNs().setRelease(12_500);
            c.heartbeat();
            CliRunner.Run run = CliRunner.run("stat", "--dir", dir.toString());
            assertEquals(0, run.exit(), run.err());
            String out = run.out();
            assertTrue(out.startsWith("dexd pid " + ProcessHandle.current().pid() + ", up "), out);
            assertTrue(out.contains("state running"), out);
            for (DexdCounter d : DexdCounter.values()) {
                assertTrue(out.contains(" - " + d.label()), d.label() + " in\n" + out);
            }
            assertTrue(out.contains("4,321 - steps"), out);
            assertTrue(out.contains("12,500 - worst tick lateness (ns) = 12.5 us"), out);
            assertTrue(!out.contains("WARNING"), out);
        }
    }

    @Test
    void aStaleHeartbeatIsPointedOut() {
        CachedEpochClock clock = new CachedEpochClock();
        clock.update(System.currentTimeMillis() - 10_000);
        try (DaemonCounters c = DaemonCounters.create(dir, clock)) {
            c.heartbeat();
            CliRunner.Run run = CliRunner.run("stat", "--dir", dir.toString());
            assertEquals(0, run.exit());
            assertTrue(run.out().contains("WARNING: daemon not updating for 10 s (pid " + ProcessHandle.current().pid()
                + " is alive"), run.out());
        }
    }

    @Test
    void watchRefreshesUntilTheCount() {
        try (DaemonCounters c = DaemonCounters.create(dir, SystemEpochClock.INSTANCE)) {
            CliRunner.Run run = CliRunner.run("stat", "--dir", dir.toString(), "--watch", "0.05", "--count", "3");
            assertEquals(0, run.exit());
            assertEquals(3, run.out().lines().filter(l -> l.startsWith("dexd pid ")).count(), run.out());
        }
    }

    /** The daemon was killed: its file stays, and stat says the counters are a dead run's, exit 1. */
    @Test
    void countersOfADeadDaemonArePrintedThenOneLineAndExitOne() throws Exception {
        Process writer = CountersWriterMain.start(dir);
        writer.destroyForcibly();
        assertTrue(writer.waitFor(10, TimeUnit.SECONDS));
        CliRunner.Run run = CliRunner.run("stat", "--dir", dir.toString());
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("12,345 - steps"), "its last counters: " + run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().matches("dexd: dexd \\(pid " + writer.pid() + "\\) is not running; these counters are from"
            + " a run that ended at 20\\d\\d-[-0-9T:.]+Z \\(last heartbeat\\) and left " + Pattern.quote(
            CountersFile.in(dir).toString()) + " behind \\(the next dexd replaces it\\)\n"), run.err());
        CliRunner.Run watch = CliRunner.run("stat", "--dir", dir.toString(), "--watch", "0.05", "--count", "2");
        assertEquals(1, watch.exit());
    }

    /** A live process that reuses a dead daemon's pid is not that daemon. */
    @Test
    void aReusedPidIsNotTheDaemon() throws Exception {
        try (DaemonCounters c = DaemonCounters.create(dir, SystemEpochClock.INSTANCE)) {
            try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(c.file(),
                java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer start = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                start.putLong(0, 1_000_000_000_000L).rewind(); // 2001: not when this (live) pid started
                f.write(start, CountersFile.START_TIME_OFFSET);
            }
            CliRunner.Run run = CliRunner.run("stat", "--dir", dir.toString());
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.err().startsWith("dexd: dexd (pid " + ProcessHandle.current().pid() + ") is not running"),
                run.err());
        }
    }
}
