package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.BenchRig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dexd run} on a hand library that is not the simulation (the bench hand) refuses, in one
 * line naming the key and the fix, every set-up that cannot work on a real hand, and leaves no run
 * directory behind.
 */
class RealHandRunRefusalTest {
    static BenchRig rig;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        rig = new BenchRig(dir);
    }

    private static void refusedInOneLine(CliRunner.Run r, String name) throws IOException {
        assertEquals(Dexd.USER_ERROR, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"),
            r.err());
        Path logs = rig.logs(name);
        if (Files.exists(logs)) {
            try (Stream<Path> runs = Files.list(logs)) {
                assertEquals(0, runs.count(), "no run directory left in " + logs);
            }
        }
    }

    @Test
    void theSimulationsSensorsAreRefusedNamingTheCubePoseKey() throws IOException {
        Path config = rig.config("default-sensors", "clock: realtime\nperiod_ms: 40", null);
        CliRunner.Run r = CliRunner.run("run", "--config", config.toString(), "--duration", "2");
        refusedInOneLine(r, "default-sensors");
        assertEquals("dexd: config " + config + ": sensors.cube_pose.source: sim reads the simulation's sensors, and the"
            + " hand is not the simulation: choose a real source (see configs/robot.yaml)\n", r.err());
    }

    @Test
    void lockstepIsRefusedOnARealHand() throws IOException {
        Path config = rig.config("lockstep", "clock: realtime\nperiod_ms: 40", BenchRig.robotSensors(0));
        CliRunner.Run r = CliRunner.run("run", "--config", config.toString(), "--lockstep", "--duration", "2");
        refusedInOneLine(r, "lockstep");
        assertEquals("dexd: config " + config + ": hand '" + BenchRig.LIBRARY + "' is a real hand, and lockstep steps a"
            + " simulation: set control.clock: realtime (and leave out --lockstep)\n", r.err());

        Path configured = rig.config("lockstep-config", "clock: lockstep\nperiod_ms: 40", BenchRig.robotSensors(0));
        CliRunner.Run c = CliRunner.run("run", "--config", configured.toString(), "--duration", "2");
        refusedInOneLine(c, "lockstep-config");
        assertTrue(c.err().contains("is a real hand, and lockstep steps a simulation"), c.err());
    }

    @Test
    void aPolicyInputWithoutASourceIsRefusedNamingTheFeatureAndTheKey() throws IOException {
        String noFingertips = BenchRig.robotSensors(0).replaceAll("(?s)fingertips:.*", "fingertips: {source: none}\n");
        Path config = rig.config("no-fingertips", "clock: realtime\nperiod_ms: 40", noFingertips);
        CliRunner.Run r = CliRunner.run("run", "--config", config.toString(), "--duration", "2");
        refusedInOneLine(r, "no-fingertips");
        assertEquals("dexd: config " + config + ": the policy reads fingertip_pos (" + rig.manifest + ") and"
            + " sensors.fingertips.source is none: choose sim, fk or mocap_udp\n", r.err());
    }
}
