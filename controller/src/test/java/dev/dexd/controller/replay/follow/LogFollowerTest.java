package dev.dexd.controller.replay.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.console.ConsoleRig;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.log.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follows a realtime daemon's log while it runs: every step, the events as they come, then the trailer. */
class LogFollowerTest {
    @Test
    void followsARunningDaemonToItsTrailer(@TempDir Path dir) throws Exception {
        ConsoleRig rig = new ConsoleRig(dir);
        Daemon d = Daemon.configure(new Daemon.Options(rig.config("follow", "realtime", 20, null), 2.0, null, null,
            null, null));
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicLong linesWhileRunning = new AtomicLong(-1);
        AtomicBoolean stop = new AtomicBoolean();
        LogFollower.Result[] result = new LogFollower.Result[1];
        Throwable[] failed = new Throwable[1];
        Thread follower = new Thread(() -> {
            try {
                result[0] = new LogFollower(d.logDirectory(), 1, lines::add).follow(stop::get);
            } catch (Throwable t) {
                failed[0] = t;
            }
        }, "test-follower");
        follower.start();
        try {
            d.start();
            Thread.sleep(1_000);
            linesWhileRunning.set(lines.stream().filter(l -> l.startsWith("step ")).count());
            d.awaitStop(60_000);
        } finally {
            d.close();
        }
        follower.join(30_000);
        stop.set(true);
        follower.join(5_000);
        if (failed[0] != null) {
            throw new AssertionError("follower failed", failed[0]);
        }
        assertNotNull(result[0], "the follower ended at the trailer");
        assertNotNull(result[0].trailer(), "the trailer was read");
        RunSummary s = RunSummary.compute(d.logDirectory(), n -> { }, false);
        long stepLines = lines.stream().filter(l -> l.startsWith("step ")).count();
        assertEquals(s.steps(), stepLines, "one status line per step");
        assertEquals(s.steps(), result[0].steps());
        assertTrue(linesWhileRunning.get() > 0, "lines arrived while the daemon ran: " + linesWhileRunning.get());
        assertTrue(lines.get(0).startsWith("following "), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("event ") && l.contains("EPISODE_START")), "episode start");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("event ") && l.contains("SUBGOAL_START")), "subgoal start");
        assertTrue(lines.get(lines.size() - 1).startsWith("end: ") && lines.get(lines.size() - 1).contains("digest="),
            lines.get(lines.size() - 1));
        System.out.println("follow output (first and last lines):");
        lines.stream().limit(6).forEach(System.out::println);
        System.out.println("...");
        lines.stream().skip(Math.max(0, lines.size() - 4)).forEach(System.out::println);
    }

    @Test
    void stopsWhenAskedBeforeAnyLogExists(@TempDir Path dir) {
        LogFollower.Result r = new LogFollower(dir.resolve("not-yet"), 1, l -> { }).follow(() -> true);
        assertEquals(0, r.steps());
        assertEquals(null, r.trailer());
    }
}
