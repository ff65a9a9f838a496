package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.log.EventWriter;
import dev.dexd.common.sensing.SensorKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The perturb commands' handlers: every one refused with one line in a world without perturbations (a real hand). */
class PerturbationCommandsTest {
    @Test
    void aWorldWithoutPerturbationsRefusesEachWithOneLine(@TempDir Path dir) {
        SimRig sim = new SimRig(dir);
        try (ControlStepRig rig = new ControlStepRig(sim.config("real"), dir.resolve("log"))) {
            EventWriter events = rig.log.newEventWriter();
            CommandRegistry registry = new CommandRegistry();
            new PerturbationCommands(null, events, new PerturbationSeeds(1)).register(registry);
            ControlCommand[] all = {
                ControlCommand.lockJoint(3, "FFJ2", new StringBuilder(256)),
                ControlCommand.of(ControlCommand.Type.UNLOCK_JOINTS, new StringBuilder(256)),
                ControlCommand.driverFault(true, new StringBuilder(256)),
                ControlCommand.stall(1_000_000, new StringBuilder(256)),
                ControlCommand.sensorDrop(SensorKind.FINGERTIPS, 1_000_000, new StringBuilder(256))};
            for (ControlCommand c : all) {
                assertTrue(registry.handles(c.type()));
                assertFalse(registry.apply(c, 0, 0), c.type() + " refused");
                assertEquals("refused: perturbations are for the simulated hand only, this daemon drives a real hand",
                    c.reply().toString());
            }
        }
    }

    @Test
    void everyCommandTypeHasAHandlerInTheControlStep(@TempDir Path dir) {
        SimRig sim = new SimRig(dir);
        try (ControlStepRig rig = new ControlStepRig(sim.config("all"), dir.resolve("log"))) {
            for (ControlCommand.Type t : ControlCommand.Type.values()) {
                assertTrue(rig.control.handles(t), t + " has a handler");
            }
        }
    }
}
