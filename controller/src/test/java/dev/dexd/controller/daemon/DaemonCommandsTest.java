package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands reach the running loop at tick boundaries; the e-stop latches until an explicit reset. */
class DaemonCommandsTest {
    static SimRig rig;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        rig = new SimRig(dir);
    }

    static void awaitDone(ControlCommand c) throws InterruptedException {
        for (int i = 0; i < 10_000 && !c.isDone(); i++) {
            Thread.sleep(1);
        }
        assertTrue(c.isDone(), c.type() + " applied");
    }

    @Test
    void theEstopLatchesUntilReset() throws InterruptedException {
        Daemon d = Daemon.configure(new Daemon.Options(rig.config("estop"), 1_000, Boolean.TRUE, null, null, null));
        long resetStep;
        try {
            ControlCommand estop = ControlCommand.of(ControlCommand.Type.ESTOP);
            d.commands().offer(estop);
            d.start();
            awaitDone(estop);
            while (d.stepsRun() < estop.appliedStep() + 50) {
                Thread.sleep(1);
            }
            assertEquals(1, d.counters().estopLatched().get(), "latched");
            ControlCommand reset = ControlCommand.of(ControlCommand.Type.RESET);
            d.commands().offer(reset);
            awaitDone(reset);
            assertTrue(reset.ok());
            resetStep = reset.appliedStep();
            while (d.stepsRun() < resetStep + 20) {
                Thread.sleep(1);
            }
            d.requestStop();
            d.awaitStop(10_000);
            assertFalse(d.isRunning());
        } finally {
            d.close();
        }
        assertTrue(resetStep >= 50);
        long latched = 0;
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e != StepLogReader.Entry.STEP) {
                    continue;
                }
                StepRecord s = r.step();
                boolean held = (s.flags() & StepFlags.ESTOP_HOLD) != 0;
                assertEquals(s.step() < resetStep, held, "step " + s.step() + " e-stop hold");
                latched += held ? 1 : 0;
            }
        }
        assertEquals(resetStep, latched);
        RunSummary s = RunSummary.compute(d.logDirectory());
        assertEquals(1L, s.eventCounts().get("ESTOP"));
        assertEquals(1L, s.eventCounts().get("ESTOP_RESET"));
    }

    @Test
    void resetMemoryZeroesThePolicyStateAtTheNextTick() throws InterruptedException {
        Daemon d = Daemon.configure(new Daemon.Options(rig.config("memory"), 1_000, Boolean.TRUE, null, null, null));
        ControlCommand reset;
        try {
            d.start();
            while (d.stepsRun() < 100) {
                Thread.sleep(1);
            }
            reset = ControlCommand.of(ControlCommand.Type.RESET_MEMORY);
            d.commands().offer(reset);
            awaitDone(reset);
            while (d.stepsRun() < reset.appliedStep() + 5) {
                Thread.sleep(1);
            }
            d.requestStop();
        } finally {
            d.close();
        }
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP && r.step().step() == reset.appliedStep()) {
                    assertTrue((r.step().flags() & StepFlags.STATE_RESET) != 0, "the reset is flagged on its step");
                    return;
                }
            }
        }
        throw new AssertionError("no step record at " + reset.appliedStep());
    }
}
