package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.SimRig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dexd run} with stdout not a terminal (as under systemd): journal lines, no redraws. */
class JournalRunTest {
    @Test
    void everyLineHasASyslogPriorityAndNothingIsRedrawn(@TempDir Path dir) {
        SimRig rig = new SimRig(dir);
        CliRunner.Run r = CliRunner.run("run", "--config", rig.config("journal").toString(), "--lockstep",
            "--duration", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("<6>dexd: configured from "), r.out());
        assertTrue(r.out().contains("<6>self-check: "), r.out());
        for (String line : r.out().split("\n", -1)) {
            assertTrue(line.isEmpty() || line.matches("<[0-7]>.*"), "no priority: '" + line + "'");
        }
        assertTrue(r.out().endsWith("\n"));
        assertFalse(r.out().contains("\r") || r.out().contains("\033"), "no redraws or colour: " + r.out());
    }
}
