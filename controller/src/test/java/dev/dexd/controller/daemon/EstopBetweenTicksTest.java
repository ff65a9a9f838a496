package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The e-stop signal wakes the control thread between ticks: at 12.5 Hz the hold is written before
 * the next tick's deadline, not at it; the ESTOP event carries the arrival and hold times. In
 * lockstep (no wall clock) it lands at the next tick, with both times too.
 */
class EstopBetweenTicksTest {
    static SimRig rig;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        rig = new SimRig(dir);
    }

    /** What the log says about the one e-stop of a run. */
    record Seen(long eventStep, long arrival, long acted, long lastBeforeStep, int lastBeforeFlags, long lastBeforeDeadline,
                long firstAfterStep, int firstAfterFlags, long firstAfterDeadline) {
    }

    static Seen read(Path log) {
        long eventStep = -1;
        long arrival = 0;
        long acted = 0;
        long beforeStep = -1;
        int beforeFlags = 0;
        long beforeDeadline = 0;
        try (StepLogReader r = StepLogReader.open(log)) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.EVENT) {
                    if (r.event().type() == EventType.ESTOP) {
                        assertEquals(-1, eventStep, "one ESTOP event");
                        eventStep = r.event().step();
                        arrival = r.event().arrivalNanos();
                        acted = r.event().actedNanos();
                    }
                    continue;
                }
                if (eventStep < 0 || r.step().step() < eventStep) {
                    beforeStep = r.step().step();
                    beforeFlags = r.step().flags();
                    beforeDeadline = r.step().wallTickNanos();
                } else {
                    return new Seen(eventStep, arrival, acted, beforeStep, beforeFlags, beforeDeadline, r.step().step(),
                        r.step().flags(), r.step().wallTickNanos());
                }
            }
        }
        throw new AssertionError("no step after the e-stop (event at step " + eventStep + ")");
    }

    @Test
    void atTwelveAndAHalfHertzTheHoldIsWrittenBetweenTicks() throws Exception {
        Path config = rig.config("estop-12hz", null, "clock: realtime\nperiod_ms: 80\nspin_us: 100", null, null, null);
        Daemon d = Daemon.configure(new Daemon.Options(config, 0, false, null, null, null));
        ControlCommand estop;
        try {
            d.start();
            while (d.stepsRun() < 3) {
                Thread.sleep(1);
            }
            long ran = d.stepsRun();
            while (d.stepsRun() == ran) {
                Thread.onSpinWait();
            }
            Thread.sleep(20); // a quarter into the period: the next tick is ~60 ms away
            estop = ControlCommand.of(ControlCommand.Type.ESTOP); // its creation is the arrival
            assertTrue(d.estop().raise(estop));
            DaemonCommandsTest.awaitDone(estop);
            long ranAtHold = d.stepsRun();
            while (d.stepsRun() < ranAtHold + 2) {
                Thread.sleep(5);
            }
            d.requestStop();
            d.awaitStop(10_000);
        } finally {
            d.close();
        }
        Seen s = read(d.logDirectory());
        assertEquals(estop.createdNanos(), s.arrival(), "arrival: when the command was made");
        assertEquals(estop.appliedNanos(), s.acted(), "acted: when the hold was written");
        assertTrue(s.acted() >= s.arrival());
        assertFalse((s.lastBeforeFlags() & StepFlags.ESTOP_HOLD) != 0, "the tick before ran normally");
        assertTrue(s.lastBeforeDeadline() < s.arrival(), "it arrived after the tick before was due: " + s);
        assertTrue((s.firstAfterFlags() & StepFlags.ESTOP_HOLD) != 0, "the next tick is an e-stop hold");
        assertTrue(s.acted() < s.firstAfterDeadline(), "the hold was written before the next tick was due: arrival "
            + s.arrival() + ", hold " + s.acted() + ", next deadline " + s.firstAfterDeadline());
        assertEquals(s.eventStep(), estop.appliedStep());

        // replay stats reports the arrival-to-hold time from the ESTOP event
        RunSummary summary = RunSummary.compute(d.logDirectory());
        RunSummary.Percentiles p = summary.estopLatency();
        assertEquals(1, p.count());
        long took = s.acted() - s.arrival();
        assertTrue(Math.abs(p.max() - took) <= took / 500 + 1, p + " vs " + took + " ns (3 significant digits)");
        assertTrue(summary.toText().contains("arrival to hold"), summary.toText());
        assertTrue(summary.toJson().contains("\"estop_latency_ns\":{\"count\":1,"), summary.toJson());
    }

    @Test
    void inLockstepTheEstopLandsAtTheNextTickWithBothTimes() throws Exception {
        Daemon d = Daemon.configure(new Daemon.Options(rig.config("estop-lockstep"), 1_000, true, null, null, null));
        ControlCommand estop;
        try {
            d.start();
            while (d.stepsRun() < 50) {
                Thread.sleep(1);
            }
            estop = ControlCommand.of(ControlCommand.Type.ESTOP);
            assertTrue(d.estop().raise(estop));
            DaemonCommandsTest.awaitDone(estop);
            assertEquals(1, d.counters().estopLatched().get());
            d.requestStop();
            d.awaitStop(10_000);
        } finally {
            d.close();
        }
        Seen s = read(d.logDirectory());
        assertTrue(s.arrival() > 0 && s.acted() >= s.arrival(), "both times: " + s);
        assertEquals(s.eventStep(), s.firstAfterStep(), "applied at the start of the next tick");
        assertEquals(s.eventStep() - 1, s.lastBeforeStep());
        assertFalse((s.lastBeforeFlags() & StepFlags.ESTOP_HOLD) != 0);
        assertTrue((s.firstAfterFlags() & StepFlags.ESTOP_HOLD) != 0);
        assertEquals(s.eventStep(), estop.appliedStep());
    }
}
