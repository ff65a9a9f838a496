package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.drivers.hand.HandState;
import dev.dexd.policy.bench.AllocationMeter;
import dev.dexd.policy.model.DivergingPolicy;
import dev.dexd.policy.model.FixedBinPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control step's fault paths, one tick at a time on the real lockstep simulation: each fault
 * holds on the tick it is seen, sets its flag, counts, and writes one event per burst.
 */
class ControlStepTest {
    static SimRig sim;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        sim = new SimRig(dir);
    }

    private static ControlStepRig rig(String name, String policy, String safety) {
        Path config = sim.config(name, policy, null, safety, null, null);
        return new ControlStepRig(config, sim.dir.resolve("logs-" + name));
    }

    @Test
    void aFailedWriteLatchesTheEstopOnItsTickWithTheLibrarysReason() {
        ControlStepRig r = rig("write-error", null, null);
        long failedStep;
        try {
            for (int i = 0; i < 20; i++) {
                r.tick();
            }
            assertFalse(r.supervisor.isEstopped());
            r.hand.hold(); // the hand's own e-stop, behind the controller's back: the next write is refused
            failedStep = r.tick().step - 1;
            assertTrue(r.supervisor.isEstopped(), "latched");
            assertEquals(1, r.counters.driverErrors().get());
            assertEquals(1, r.counters.estopLatched().get());
            for (int i = 0; i < 10; i++) {
                r.tick();
            }
            assertEquals(1, r.counters.driverErrors().get(), "no write is tried while latched");
            r.drain();
            ControlStepRig.Logged log = r.read();
            int flags = log.flagsAt(failedStep);
            assertTrue((flags & StepFlags.DRIVER_ERROR_HOLD) != 0, StepFlags.describe(flags));
            assertTrue((log.flagsAt(failedStep + 1) & StepFlags.ESTOP_HOLD) != 0, "latched from the next tick on");
            List<ControlStepRig.Logged.Event> errors = log.of(EventType.DRIVER_ERROR);
            assertEquals(1, errors.size());
            assertEquals(failedStep, errors.get(0).step());
            assertTrue(errors.get(0).text().startsWith("hand write failed (HOLDING), e-stop latched: "),
                errors.get(0).text());
            assertTrue((log.flagsAt(failedStep + 5) & StepFlags.ESTOP_HOLD) != 0);
        } finally {
            r.close();
        }
    }

    @Test
    void aDeadHandIsOneEventThenACountAndAllocatesNothingPerTick() {
        ControlStepRig r = rig("dead-hand", null, null);
        try {
            for (int i = 0; i < 10; i++) {
                r.tick();
            }
            r.hand.injectFault(true); // every read reports FAULT from now on
            long first = r.tick().step - 1;
            assertTrue(r.supervisor.isEstopped());
            for (int i = 0; i < 3_000; i++) { // warm-up: the JIT allocates while it compiles
                r.tick();
            }
            long[] measured = {0};
            long allocated = AllocationMeter.leastAllocated(5, () -> {
                for (int i = 0; i < 1_000; i++) {
                    r.tick();
                }
                measured[0] += 1_000;
            });
            // an exception, a message or an event per tick would be hundreds of bytes in every window
            assertEquals(0, allocated, "bytes allocated over 1000 ticks of a dead hand, in the best of five windows");
            assertEquals(3_001 + measured[0], r.counters.driverErrors().get(), "every failed read counted");
            // a reset is refused while the hand still reports FAULT
            StringBuilder why = new StringBuilder(128);
            ControlCommand reset = r.offer(ControlCommand.of(ControlCommand.Type.RESET, why));
            r.tick();
            assertFalse(reset.ok());
            assertTrue(why.toString().contains("FAULT"), why.toString());
            r.hand.injectFault(false);
            reset = r.offer(ControlCommand.of(ControlCommand.Type.RESET));
            r.tick();
            assertTrue(reset.ok() && !r.supervisor.isEstopped(), "cleared once the fault is gone");
            r.drain();
            ControlStepRig.Logged log = r.read();
            List<ControlStepRig.Logged.Event> errors = log.of(EventType.DRIVER_ERROR);
            assertEquals(1, errors.size(), "one event for the whole burst");
            assertEquals(first, errors.get(0).step());
            assertTrue(errors.get(0).text().contains("reports FAULT"), errors.get(0).text());
            for (long s = first; s < first + 4_001; s++) {
                int f = log.flagsAt(s);
                assertTrue((f & StepFlags.DRIVER_ERROR_HOLD) != 0 && (f & StepFlags.ESTOP_HOLD) != 0, "step " + s);
            }
        } finally {
            r.close();
        }
    }

    @Test
    void aPolicyRuntimeFailureHoldsWithoutLatchingAndIsOneEvent() {
        ControlStepRig r = rig("ort-failure", null, null);
        try {
            int ran = 0;
            for (int i = 0; i < 30; i++) {
                r.tick();
            }
            r.closePolicy(); // ORT refuses every run from now on
            long first = r.tick.step;
            for (int i = 0; i < 10; i++) {
                r.tick();
            }
            assertFalse(r.supervisor.isEstopped(), "a policy failure holds, it does not latch");
            r.drain();
            ControlStepRig.Logged log = r.read();
            for (long s = first; s < first + 10; s++) {
                int f = log.flagsAt(s);
                assertTrue((f & StepFlags.DRIVER_ERROR_HOLD) != 0 && (f & StepFlags.POLICY_RAN) == 0
                    || (f & StepFlags.HOLD_MASK & ~StepFlags.DRIVER_ERROR_HOLD) != 0, "step " + s + ": " + StepFlags.describe(f));
                ran += (f & StepFlags.DRIVER_ERROR_HOLD) != 0 ? 1 : 0;
            }
            assertTrue(ran > 0, "the policy was due and failed");
            assertEquals(ran, r.counters.policyErrors().get());
            List<ControlStepRig.Logged.Event> errors = log.of(EventType.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).text().startsWith("policy run failed"), errors.get(0).text());
        } finally {
            r.close();
        }
    }

    @Test
    void aHandStateThatStopsAdvancingIsStaleAndHolds() {
        ControlStepRig r = rig("stale-hand", null, null);
        try {
            for (int i = 0; i < 30; i++) {
                r.tick();
            }
            long stalled = r.tick.step;
            for (int i = 0; i < 10; i++) {
                r.tick(false); // the physics stalls, the control clock goes on
            }
            r.drain();
            ControlStepRig.Logged log = r.read();
            long limitPeriods = r.config.safety().staleHandNanos() / r.periodNanos;
            long firstStale = -1;
            for (long s = stalled; s < stalled + 10; s++) {
                if ((log.flagsAt(s) & StepFlags.STALE_HAND) != 0) {
                    firstStale = s;
                    break;
                }
            }
            assertTrue(firstStale >= 0, "the hand went stale");
            final long staleAt = firstStale;
            // the state was last new at 'stalled'; it is too old once more than the limit has passed
            assertEquals(stalled + limitPeriods + 1, firstStale, "holds on the first period past the limit");
            assertTrue(r.counters.staleSensorHolds().get() >= stalled + 10 - firstStale);
            List<ControlStepRig.Logged.Event> stale = log.of(EventType.STALE_SENSOR);
            assertTrue(stale.stream().anyMatch(e -> e.step() == staleAt && e.text().contains("hand")), stale.toString());
            assertEquals(1, stale.stream().filter(e -> e.text().contains("hand")).count(), "once per burst");
        } finally {
            r.close();
        }
    }

    @Test
    void aLateTickIsFlaggedAndItsSkippedPeriodsCounted() {
        ControlStepRig r = rig("overrun", null, null);
        try {
            r.tick();
            r.tick.skippedPeriods = 3;
            long late = r.tick().step - 1;
            r.tick();
            assertEquals(3, r.counters.overruns().get());
            r.drain();
            ControlStepRig.Logged log = r.read();
            assertTrue((log.flagsAt(late) & StepFlags.OVERRUN) != 0);
            assertEquals(0, log.flagsAt(late + 1) & StepFlags.OVERRUN);
        } finally {
            r.close();
        }
    }

    @Test
    void nonFinitePolicyOutputsHoldFromTheFirstSuchStepWithOneEvent() {
        DivergingPolicy model = DivergingPolicy.growing(1e4f);
        Path manifest = model.write(sim.dir.resolve("diverging"));
        ControlStepRig r = rig("nan", "manifest: " + manifest, null);
        try {
            for (int i = 0; i < 60; i++) {
                r.tick();
            }
            assertFalse(r.supervisor.isEstopped(), "non-finite outputs hold, they do not latch");
            r.drain();
            ControlStepRig.Logged log = r.read();
            int ran = 0;
            long firstHeld = -1;
            long held = 0;
            for (int i = 0; i < log.steps.size(); i++) {
                int f = log.flags.get(i);
                if ((f & StepFlags.POLICY_RAN) != 0) {
                    assertEquals(-1, firstHeld, "the policy never runs again once its outputs are not finite");
                    ran++;
                }
                if ((f & StepFlags.POLICY_OUTPUT_NONFINITE) != 0) {
                    firstHeld = firstHeld < 0 ? log.steps.get(i) : firstHeld;
                    held++;
                }
            }
            assertEquals(model.finiteSteps(), ran, "finite steps ran");
            assertTrue(held > 10, "held " + held);
            assertEquals(held, r.counters.nonFiniteHolds().get());
            List<ControlStepRig.Logged.Event> events = log.of(EventType.POLICY_NONFINITE);
            assertEquals(1, events.size(), events.toString());
            assertEquals(firstHeld, events.get(0).step());
            assertTrue(events.get(0).text().contains("'logits' not finite"), events.get(0).text());
        } finally {
            r.close();
        }
    }

    @Test
    void aJammedJointTripsTheFollowingErrorNamingItsActuator() {
        Path manifest = FixedBinPolicy.of(5).write(sim.dir.resolve("fixed"));
        String safety = "max_step_rad: 0.5\nfollowing_error: {limit_rad: 0.3, periods: 10}";
        // the joint farthest from the middle of its range at the start: the policy drives every actuator there
        ControlStepRig free = rig("following-free", "manifest: " + manifest, safety);
        String actuator;
        int joint;
        try {
            HandState s = new HandState();
            free.hand.read(s);
            double worst = -1;
            String best = null;
            for (String name : free.hand.describe().jointNames()) {
                int a = free.hand.describe().actuatorNames().indexOf("A_" + name);
                if (a < 0) {
                    continue;
                }
                double mid = 0.5 * (free.hand.describe().actuatorMin(a) + free.hand.describe().actuatorMax(a));
                double d = Math.abs(s.actuatorPos[a] - mid);
                if (d > worst) {
                    worst = d;
                    best = name;
                }
            }
            assertTrue(worst > 0.3, "a joint starts " + worst + " rad from the middle of its range");
            actuator = "A_" + best;
            joint = free.hand.describe().jointIndex(best);
            for (int i = 0; i < 200; i++) {
                free.tick();
            }
            assertEquals(0, free.counters.followingErrorTrips().get(), "free joints arrive: no trip");
            assertFalse(free.supervisor.isEstopped());
        } finally {
            free.close();
        }
        ControlStepRig r = rig("following-jammed", "manifest: " + manifest, safety);
        try {
            r.offer(ControlCommand.lockJoint(joint, actuator.substring(2), null));
            long tripped = -1;
            for (int i = 0; i < 200 && tripped < 0; i++) {
                r.tick();
                if (r.supervisor.isEstopped()) {
                    tripped = r.tick.step - 1;
                }
            }
            assertTrue(tripped >= 10, "tripped at " + tripped);
            assertEquals(1, r.counters.followingErrorTrips().get());
            r.tick();
            r.drain();
            ControlStepRig.Logged log = r.read();
            int f = log.flagsAt(tripped);
            assertTrue((f & StepFlags.FOLLOWING_ERROR_HOLD) != 0 && (f & StepFlags.ESTOP_HOLD) != 0, StepFlags.describe(f));
            List<ControlStepRig.Logged.Event> events = log.of(EventType.FOLLOWING_ERROR);
            assertEquals(1, events.size());
            assertTrue(events.get(0).text().startsWith("following error on actuator " + actuator + ": "),
                events.get(0).text());
        } finally {
            r.close();
        }
    }
}
