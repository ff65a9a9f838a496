package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.StepLogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection commands over a real TCP connection to a lockstep daemon: each one applied
 * and logged, its arguments checked with one line naming the fix, the driver fault latching the
 * e-stop until it is off and reset.
 */
class ConsolePerturbTest {
    private static ConsoleClient.Response send(ConsoleClient c, String line, boolean ok) throws IOException {
        ConsoleClient.Response r = c.send(line);
        assertEquals(ok, r.ok(), line + " -> " + r.text());
        return r;
    }

    @Test
    void perturbCommandsApplyRefuseBadArgumentsAndAreLogged(@TempDir Path dir) throws Exception {
        ConsoleRig rig = new ConsoleRig(dir);
        Daemon d = ConsoleRig.start(rig.config("perturb", "lockstep", 20, ConsoleRig.console(null)), true);
        try (ConsoleClient c = ConsoleClient.connect("127.0.0.1", d.console().port(), 10_000)) {
            ConsoleClient.Response on = send(c, "perturb driver-fault on", true);
            assertTrue(on.message().startsWith("the hand's reads report FAULT"), on.status());
            assertTrue(send(c, "status", true).message().contains(" estop=on estop_reason=driver "),
                "the fault latched the e-stop");
            ConsoleClient.Response stuck = send(c, "reset", false);
            assertEquals("ERR refused the hand still reports FAULT: the e-stop stays latched", stuck.status());
            send(c, "perturb driver-fault off", true);
            send(c, "reset", true);
            assertTrue(send(c, "status", true).message().contains(" estop=off "));

            assertTrue(send(c, "perturb stall 30", true).message().equals("the next tick stalls for 30 ms"));
            assertTrue(send(c, "perturb sensor-drop face_angles 500", true).message()
                .equals("sensor face_angles publishes nothing for 500 ms"));
            send(c, "perturb sensor-drop fingertips 100", true);
            assertEquals("randomise: dynamics resampled from seed 42", send(c, "perturb randomise 42", true).message());
            assertTrue(send(c, "perturb randomise", true).message()
                .matches("randomise: dynamics resampled from seed -?[0-9]+"), "without a seed: the run's next one");
            assertEquals("ERR bad-args 'x1' is not a whole number: perturb randomise [seed]",
                send(c, "perturb randomise x1", false).status());

            assertEquals("ERR bad-args 'maybe' is not on or off: perturb driver-fault <on|off>",
                send(c, "perturb driver-fault maybe", false).status());
            assertEquals("ERR bad-args '0' is not a time in ms from 1 to 60000: perturb stall <ms>",
                send(c, "perturb stall 0", false).status());
            assertEquals("ERR bad-args 'soon' is not a time in ms from 1 to 60000: perturb stall <ms>",
                send(c, "perturb stall soon", false).status());
            assertEquals("ERR bad-args 'camera' is not a sensor: use one of cube_pose | face_angles | fingertips | cube_state",
                send(c, "perturb sensor-drop camera 100", false).status());
            assertEquals("ERR bad-args '9999999' is not a time in ms from 1 to 600000: perturb sensor-drop <sensor> <ms>",
                send(c, "perturb sensor-drop cube_pose 9999999", false).status());
            assertEquals("bad-args", send(c, "perturb sensor-drop cube_pose", false).code());
            assertTrue(d.isRunning());
            send(c, "shutdown", true);
        } finally {
            d.awaitStop(30_000);
            d.close();
        }
        List<String> perturbations = new ArrayList<>();
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.PERTURBATION) {
                    perturbations.add(r.event().text());
                }
            }
        }
        assertEquals(List.of("driver fault on: reads report FAULT", "driver fault off",
            "the next tick stalls for 30 ms", "sensor face_angles drops out for 500 ms",
            "sensor fingertips drops out for 100 ms", "randomise: dynamics resampled from seed 42"),
            perturbations.subList(0, 6));
        assertTrue(perturbations.get(6).startsWith("randomise: dynamics resampled from seed "), perturbations.toString());
        assertEquals(7, perturbations.size());
        assertFalse(d.isRunning());
    }
}
