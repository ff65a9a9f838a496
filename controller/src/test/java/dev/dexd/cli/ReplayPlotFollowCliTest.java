package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dexd replay plot} and {@code follow} as a user calls them: files printed, one-line errors, exit codes. */
class ReplayPlotFollowCliTest {
    @Test
    void plotsAFinishedRunAndFollowsItToItsTrailer(@TempDir Path tmp) throws Exception {
        SimRig rig = new SimRig(tmp);
        Daemon d = SimRig.runLockstep(rig.config("cli"), 3.0, 5L);
        Path out = tmp.resolve("plots");
        CliRunner.Run plot = CliRunner.run("replay", "plot", tmp.resolve("logs").toString(), "--out", out.toString());
        assertEquals(0, plot.exit(), plot.err());
        for (String f : new String[] {"lateness.png", "inference.png", "targets.png", "timeline.png", "orientation-error.png"}) {
            assertTrue(plot.out().contains(out.resolve(f).toString()), plot.out());
            assertTrue(Files.size(out.resolve(f)) > 1000, f);
        }
        // a finished run: follow reads it all and ends at its trailer
        CliRunner.Run follow = CliRunner.run("replay", "follow", d.logDirectory().toString(), "--every", "50");
        assertEquals(0, follow.exit(), follow.err());
        assertTrue(follow.out().startsWith("following "), follow.out());
        assertTrue(follow.out().contains("\nstep 50 "), follow.out());
        assertTrue(follow.out().strip().endsWith(follow.out().strip().lines().reduce((a, b) -> b).orElse(""))
            && follow.out().contains("\nend: lost_records=0"), follow.out());
    }

    @Test
    void userErrorsAreOneLine(@TempDir Path tmp) throws Exception {
        CliRunner.Run missing = CliRunner.run("replay", "plot", tmp.resolve("nope").toString(), "--out", tmp.toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        Path file = Files.writeString(tmp.resolve("f"), "x");
        CliRunner.Run outIsFile = CliRunner.run("replay", "plot", tmp.toString(), "--out", file.toString());
        assertEquals(1, outIsFile.exit());
        assertTrue(outIsFile.err().contains("is a file"), outIsFile.err());
        CliRunner.Run every = CliRunner.run("replay", "follow", tmp.toString(), "--every", "0");
        assertEquals(1, every.exit());
        assertTrue(every.err().contains("--every 0"), every.err());
        assertFalse(every.err().contains("Exception"), every.err());
    }
}
