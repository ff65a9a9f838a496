package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.BenchRig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dexd hand info | check} on a hand library that is not the simulation (the bench hand), as on a robot. */
class BenchHandCommandTest {
    @TempDir
    Path tmp;

    @Test
    void infoAndCheckPassOnTheBenchHand() throws IOException {
        Path config = Files.writeString(tmp.resolve("bench.yaml"), "hand:\n  library: " + BenchRig.LIBRARY
            + "\n  tau_ms: 10\n");
        CliRunner.Run info = CliRunner.run("hand", "info", "--config", config.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("(dexd bench hand (test fixture))"), info.out());
        assertTrue(info.out().contains("simulated    no"), info.out());
        assertTrue(info.out().matches("(?s).*A_FFJ1 +0\\.0000 +3\\.1416 +\\(J1 \\+ J0\\).*"), info.out());

        CliRunner.Run check = CliRunner.run("hand", "check", "--config", config.toString(), "--settle", "0.1");
        assertEquals(0, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("all 20 actuators within 0.050 rad"), check.out());
    }
}
