package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dexd hand info | check} against the simulated hand, as a user runs them. */
class HandCommandTest {
    private static final Path CONFIG = Path.of("..", "configs", "sim.yaml").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private String out = "";
    private String err = "";

    private int dexd(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return Dexd.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void infoPrintsAbiJointsActuatorsAndRanges() {
        assertEquals(0, dexd("hand", "info", "--config", CONFIG.toString()), err);
        assertTrue(out.contains("ABI version  1"), out);
        assertTrue(out.contains("joints (24)"), out);
        assertTrue(out.contains("actuators (20)"), out);
        assertTrue(out.contains("A_THJ0"), out);
        assertTrue(out.matches("(?s).*A_FFJ1 +0\\.0000 +3\\.1416 +\\(J1 \\+ J0\\).*"), out);
        assertTrue(out.contains("simulated    yes, clock lockstep"), out);
    }

    @Test
    void checkPassesOnTheSimulatedHand() {
        assertEquals(0, dexd("hand", "check", "--config", CONFIG.toString(), "--settle", "0.6"), out + err);
        assertTrue(out.contains("all 20 actuators within 0.050 rad"), out);
        assertEquals(22, out.lines().filter(l -> l.matches("A_\\w+ .*ok")).count() + 2, out);
    }

    @Test
    void checkExitsOneWhenAnActuatorIsOutsideTolerance() {
        assertEquals(1, dexd("hand", "check", "--config", CONFIG.toString(), "--settle", "0.1", "--tolerance", "1e-6"));
        assertTrue(err.startsWith("dexd: hand check failed: 20 of 20 actuators outside 0.000 rad: A_WRJ1, "), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void badConfigsAreUserErrorsOnOneLine() throws IOException {
        assertEquals(1, dexd("hand", "info", "--config", tmp.resolve("none.yaml").toString()));
        assertTrue(err.startsWith("dexd: config not found: " + tmp.resolve("none.yaml") + " (pass --config FILE"), err);
        Path twice = Files.writeString(tmp.resolve("twice.yaml"), "hand:\n  library: dexd_mujoco\n  library: other\n");
        assertEquals(1, dexd("hand", "info", "--config", twice.toString()));
        assertEquals("dexd: config " + twice + " line 3: hand.library: duplicate key (first at line 2): keep one, YAML would"
            + " silently use the last", err.strip());
        Path wrongLib = Files.writeString(tmp.resolve("x.yaml"), "hand:\n  library: ./libnope.so\n");
        assertEquals(1, dexd("hand", "check", "--config", wrongLib.toString()));
        assertTrue(err.startsWith("dexd: hand library " + tmp.resolve("libnope.so") + " not found"), err);
        assertEquals(1, err.lines().count(), err);
        Path passwd = Files.writeString(tmp.resolve("p.yaml"), "hand:\n  library: /etc/passwd\n");
        assertEquals(1, dexd("hand", "info", "--config", passwd.toString()));
        assertEquals("dexd: hand.library /etc/passwd is not a shared library (ELF magic missing: it starts with"
            + " 'root:x:0'): set hand.library in " + passwd + " to the path of the hand's .so (e.g. libdexd_mujoco.so)\n",
            err);
    }
}
