package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.counters.DexdCounter;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exception out of the tick, injected into the real simulation's world: the hand holds at that
 * tick, the e-stop latches, every failing tick is counted, one ERROR event is written per burst, and
 * the loop ticks on in hold until an explicit reset. In both clock modes.
 */
class TickFailureTest {
    static SimRig rig;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        rig = new SimRig(dir);
    }

    @Test
    void lockstepTickFailureHoldsLatchesCountsLogsOnceAndTicksOnUntilReset() throws Exception {
        runAndCheck(rig.config("throw-lockstep"), true, 100, 10);
    }

    @Test
    void realtimeTickFailureHoldsLatchesCountsLogsOnceAndTicksOnUntilReset() throws Exception {
        Path config = rig.config("throw-realtime", null, "clock: realtime\nperiod_ms: 20\nspin_us: 100", null, null, null);
        runAndCheck(config, false, 25, 5);
    }

    private static void runAndCheck(Path config, boolean lockstep, long from, long failing) throws Exception {
        Daemon d = Daemon.configure(new Daemon.Options(config, lockstep ? 1_000 : 0, lockstep, null, null, null),
            w -> new FaultyWorld(w, from, from + failing));
        long resetStep;
        try {
            d.start();
            while (d.stepsRun() < from + failing + 10) {
                Thread.sleep(1);
            }
            assertTrue(d.isRunning(), "the loop runs on after the failures");
            assertNull(d.failure(), "a failing tick is not a failure of the control thread");
            assertEquals(failing, d.counters().counter(DexdCounter.CONTROL_ERRORS).get(), "every failing tick counted");
            assertEquals(1, d.counters().estopLatched().get(), "latched");
            ControlCommand reset = ControlCommand.of(ControlCommand.Type.RESET);
            d.commands().offer(reset);
            DaemonCommandsTest.awaitDone(reset);
            assertTrue(reset.ok());
            resetStep = reset.appliedStep();
            long ranAtReset = d.stepsRun();
            while (d.stepsRun() < ranAtReset + 10) {
                Thread.sleep(1);
            }
            assertEquals(0, d.counters().estopLatched().get(), "reset clears the latch");
            d.requestStop();
            d.awaitStop(10_000);
            assertFalse(d.isRunning());
        } finally {
            d.close();
        }

        List<Long> errorSteps = new ArrayList<>();
        List<String> errorTexts = new ArrayList<>();
        List<double[]> held = new ArrayList<>();
        long firstAfter = -1;
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT) {
                    if (r.event().type() == EventType.ERROR) {
                        errorSteps.add(r.event().step());
                        errorTexts.add(r.event().text());
                    }
                    continue;
                }
                StepRecord s = r.step();
                boolean estopHold = (s.flags() & StepFlags.ESTOP_HOLD) != 0;
                assertFalse(errorSteps.isEmpty() && estopHold, "no hold before the failure, step " + s.step());
                if (!errorSteps.isEmpty() && s.step() < resetStep) {
                    assertTrue(estopHold, "held from the failure until the reset, step " + s.step());
                    held.add(s.commandedTargets().toArray());
                    if (firstAfter < 0) {
                        firstAfter = s.step();
                    }
                }
                if (s.step() >= resetStep) {
                    assertFalse(estopHold, "not held after the reset, step " + s.step());
                }
            }
        }
        assertEquals(1, errorSteps.size(), "one ERROR event for the burst: " + errorTexts);
        assertTrue(errorTexts.get(0).contains(FaultyWorld.MESSAGE), errorTexts.get(0));
        long failedAt = errorSteps.get(0);
        if (lockstep) {
            assertEquals(from, failedAt);
        }
        assertEquals(failedAt + failing, firstAfter, "the failing ticks leave no record; the first tick after is held");
        assertFalse(held.isEmpty());
        for (double[] c : held) {
            assertArrayEquals(held.get(0), c, "the targets do not move while the e-stop is latched");
        }
    }

    @Test
    void aTickThatAlwaysThrowsAllocatesNothingAndLogsOneEvent() throws Exception {
        Path config = rig.config("throw-always", null, "clock: lockstep\nperiod_ms: 4", null, null, null);
        long steps = Daemon.ALLOCATION_WARMUP_STEPS + 10_000;
        Daemon d = Daemon.configure(new Daemon.Options(config, steps * 0.004, true, 1L, null, null),
            w -> new FaultyWorld(w, 100, Long.MAX_VALUE));
        long errors;
        try {
            d.start();
            d.awaitStop(120_000);
            assertFalse(d.isRunning());
            errors = d.counters().counter(DexdCounter.CONTROL_ERRORS).get();
        } finally {
            d.close();
        }
        assertNull(d.failure());
        assertEquals(steps - 100, errors, "every failing tick counted");
        assertEquals(10_000, d.allocationMeasuredSteps());
        assertTrue(d.allocatedBytesPerStep() < 1.0, "the failure path allocated " + d.allocatedBytesPerStep()
            + " bytes per step");
        long errorEvents = 0;
        try (StepLogReader r = StepLogReader.open(d.logDirectory())) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT && r.event().type() == EventType.ERROR) {
                    errorEvents++;
                }
            }
        }
        assertEquals(1, errorEvents);
        assertNotNull(d.logDirectory());
    }
}
