package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.drivers.HandDrivers;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandState;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.policy.model.DivergingPolicy;
import dev.dexd.policy.model.FixedBinPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fault injected into a running daemon, lockstep and realtime (a few seconds): the hand holds
 * on the tick the fault is seen, the fault is latched where it latches, counted, logged as an event
 * in the step log, and the daemon keeps running.
 */
class FaultInjectionTest {
    /** Goals that keep one episode going (no drop, no timeout), so that only the fault changes the run. */
    static final String LONG_EPISODE = "sequence: \"R U R' U'\"\nrepeat_episodes: true\ndrop_height_m: -100\n"
        + "max_palm_distance_m: 100\nsubgoal_timeout_steps: 10000000";
    static SimRig sim;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        sim = new SimRig(dir);
    }

    private static Path config(String name, boolean lockstep, String policy, String safety) {
        String control = (lockstep ? "clock: lockstep" : "clock: realtime\nspin_us: 100") + "\nperiod_ms: 20";
        return sim.config(name + (lockstep ? "-lockstep" : "-realtime"), policy, control, safety, LONG_EPISODE, null);
    }

    private static Daemon start(Path config, boolean lockstep) {
        Daemon d = Daemon.configure(new Daemon.Options(config, lockstep ? 100_000 : 600, lockstep, null, null, null));
        d.start();
        return d;
    }

    private static void awaitSteps(Daemon d, long steps) throws InterruptedException {
        for (int i = 0; i < 60_000 && d.stepsRun() < steps; i++) {
            Thread.sleep(1);
        }
        assertTrue(d.stepsRun() >= steps, "ran " + d.stepsRun() + " steps of " + steps);
        assertTrue(d.isRunning(), "the daemon keeps running");
        assertEquals(null, d.failure());
    }

    private static ControlCommand send(Daemon d, ControlCommand c) throws InterruptedException {
        assertTrue(d.commands().offer(c));
        for (int i = 0; i < 30_000 && !c.isDone(); i++) {
            Thread.sleep(1);
        }
        assertTrue(c.isDone(), c.type() + " applied");
        return c;
    }

    /** Stops the loop and returns the counters' values read before they are unmapped. */
    private static long[] stop(Daemon d, java.util.function.Function<Daemon, long[]> counters)
        throws InterruptedException {
        d.requestStop();
        d.awaitStop(30_000);
        assertFalse(d.isRunning());
        long[] values = counters.apply(d);
        d.close();
        assertEquals(null, d.failure());
        return values;
    }

    /** The step records and events of a run. */
    record Run(List<long[]> steps, List<EventRecordCopy> events) {
        /** [step, flags, simTimeNanos, cubePoseCaptureNanos, stepNanos, skippedPeriods] per step record. */
        int flagsAt(long step) {
            for (long[] s : steps) {
                if (s[0] == step) {
                    return (int) s[1];
                }
            }
            throw new AssertionError("no step record " + step);
        }

        List<EventRecordCopy> of(EventType type) {
            return events.stream().filter(e -> e.type() == type).toList();
        }

        long count(int flag) {
            return steps.stream().filter(s -> (s[1] & flag) != 0).count();
        }

        long firstWith(int flag, long from) {
            return steps.stream().filter(s -> s[0] >= from && (s[1] & flag) != 0).mapToLong(s -> s[0]).findFirst()
                .orElse(-1);
        }
    }

    record EventRecordCopy(EventType type, long step, String text) {
    }

    private static Run read(Path dir) {
        List<long[]> steps = new ArrayList<>();
        List<EventRecordCopy> events = new ArrayList<>();
        try (StepLogReader r = StepLogReader.open(dir)) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    StepRecord s = r.step();
                    steps.add(new long[] {s.step(), s.flags(), s.simTimeNanos(), s.cubePoseCaptureNanos(), s.stepNanos(),
                        s.skippedPeriods()});
                } else {
                    EventRecord ev = r.event();
                    events.add(new EventRecordCopy(ev.type(), ev.step(), ev.text()));
                }
            }
        }
        return new Run(steps, events);
    }

    @ParameterizedTest(name = "lockstep={0}")
    @ValueSource(booleans = {true, false})
    void nonFiniteLogitsHoldFromTheirFirstStepAndTheDaemonRunsOn(boolean lockstep) throws InterruptedException {
        Path manifest = DivergingPolicy.growing(1e4f).write(sim.dir.resolve("diverging"));
        Daemon d = start(config("nan", lockstep, "manifest: " + manifest, null), lockstep);
        long[] c;
        try {
            awaitSteps(d, 100);
        } finally {
            c = stop(d, x -> new long[] {x.counters().nonFiniteHolds().get(), x.counters().estopLatched().get()});
        }
        Run run = read(d.logDirectory());
        long held = run.count(StepFlags.POLICY_OUTPUT_NONFINITE);
        assertTrue(held > 50, "held " + held);
        assertEquals(held, c[0], "counted");
        assertEquals(0, c[1], "not latched: it holds while the outputs are not finite");
        long first = run.firstWith(StepFlags.POLICY_OUTPUT_NONFINITE, 0);
        assertEquals(-1, run.firstWith(StepFlags.POLICY_RAN, first), "no action of the policy after that");
        List<EventRecordCopy> events = run.of(EventType.POLICY_NONFINITE);
        assertEquals(1, events.size(), "one event for the burst: " + events);
        assertEquals(first, events.get(0).step());
    }

    @ParameterizedTest(name = "lockstep={0}")
    @ValueSource(booleans = {true, false})
    void aDriverFaultLatchesTheEstopOnItsTickAndIsCountedEveryTick(boolean lockstep) throws InterruptedException {
        Daemon d = start(config("fault", lockstep, null, null), lockstep);
        long[] c;
        ControlCommand on;
        ControlCommand reset;
        try {
            awaitSteps(d, 20);
            on = send(d, ControlCommand.driverFault(true, new StringBuilder(128)));
            assertTrue(on.ok());
            awaitSteps(d, on.appliedStep() + 30);
            assertEquals(1, d.counters().estopLatched().get(), "latched");
            ControlCommand off = send(d, ControlCommand.driverFault(false, new StringBuilder(128)));
            reset = send(d, ControlCommand.of(ControlCommand.Type.RESET, new StringBuilder(128)));
            assertTrue(reset.ok(), "reset once the fault is off");
            assertTrue(off.appliedStep() <= reset.appliedStep());
            awaitSteps(d, reset.appliedStep() + 20);
        } finally {
            c = stop(d, x -> new long[] {x.counters().driverErrors().get(), x.counters().estopLatched().get()});
        }
        Run run = read(d.logDirectory());
        int f = run.flagsAt(on.appliedStep());
        assertTrue((f & StepFlags.DRIVER_ERROR_HOLD) != 0 && (f & StepFlags.ESTOP_HOLD) != 0,
            "held on the tick the fault was read: " + StepFlags.describe(f));
        assertEquals(run.count(StepFlags.DRIVER_ERROR_HOLD), c[0], "every FAULT read counted");
        assertTrue(c[0] >= 30);
        assertEquals(0, c[1], "cleared by the reset");
        List<EventRecordCopy> events = run.of(EventType.DRIVER_ERROR);
        assertEquals(1, events.size(), events.toString());
        assertEquals(on.appliedStep(), events.get(0).step());
        assertTrue(events.get(0).text().contains("reports FAULT"));
        assertTrue(run.firstWith(StepFlags.POLICY_RAN, reset.appliedStep()) > 0, "the policy drives again after reset");
    }

    /** The joint farthest from the middle of its actuator's range in the initial pose, and its actuator. */
    static String[] farthestJoint(Path config) {
        try (SimulatedHand hand = (SimulatedHand) HandDrivers.open(HandConfig.load(config).with("clock", "lockstep"))) {
            hand.reset(5);
            HandState s = new HandState();
            hand.read(s);
            HandDescription d = hand.describe();
            double worst = -1;
            String best = null;
            for (String name : d.jointNames()) {
                int a = d.actuatorNames().indexOf("A_" + name);
                if (a >= 0 && Math.abs(s.actuatorPos[a] - 0.5 * (d.actuatorMin(a) + d.actuatorMax(a))) > worst) {
                    worst = Math.abs(s.actuatorPos[a] - 0.5 * (d.actuatorMin(a) + d.actuatorMax(a)));
                    best = name;
                }
            }
            return new String[] {best, "A_" + best, String.valueOf(d.jointIndex(best))};
        }
    }

    @ParameterizedTest(name = "lockstep={0}")
    @ValueSource(booleans = {true, false})
    void aJammedJointTripsTheFollowingErrorAndLatches(boolean lockstep) throws InterruptedException {
        Path manifest = FixedBinPolicy.of(5).write(sim.dir.resolve("fixed"));
        Path config = config("jam", lockstep, "manifest: " + manifest,
            "max_step_rad: 0.5\nfollowing_error: {limit_rad: 0.3, periods: 10}");
        String[] joint = farthestJoint(config);
        Daemon d = Daemon.configure(new Daemon.Options(config, lockstep ? 100_000 : 600, lockstep, null, null, null));
        long[] c;
        try {
            ControlCommand lock = ControlCommand.lockJoint(Integer.parseInt(joint[2]), joint[0], new StringBuilder(128));
            d.commands().offer(lock); // applied on the first tick
            d.start();
            awaitSteps(d, 100);
            assertTrue(lock.ok());
        } finally {
            c = stop(d, x -> new long[] {x.counters().followingErrorTrips().get(), x.counters().estopLatched().get()});
        }
        assertEquals(1, c[0], "counted");
        assertEquals(1, c[1], "latched");
        Run run = read(d.logDirectory());
        long tripped = run.firstWith(StepFlags.FOLLOWING_ERROR_HOLD, 0);
        assertTrue(tripped >= 10, "tripped at " + tripped);
        assertTrue((run.flagsAt(tripped) & StepFlags.ESTOP_HOLD) != 0, "held on the tick it tripped");
        assertEquals(-1, run.firstWith(StepFlags.POLICY_RAN, tripped), "held from then on");
        List<EventRecordCopy> events = run.of(EventType.FOLLOWING_ERROR);
        assertEquals(1, events.size());
        assertEquals(tripped, events.get(0).step());
        assertTrue(events.get(0).text().startsWith("following error on actuator " + joint[1] + ":"), events.get(0).text());
    }

    @ParameterizedTest(name = "lockstep={0}")
    @ValueSource(booleans = {true, false})
    void aSensorDropHoldsOnceItsDataIsTooOldAndTheLoopDrivesAgainAfter(boolean lockstep) throws InterruptedException {
        Path config = config("drop", lockstep, null, null);
        Daemon d = start(config, lockstep);
        long[] c;
        ControlCommand drop;
        long limit = 600_000_000L; // safety.stale_ms.cube_pose default
        try {
            awaitSteps(d, 20);
            drop = send(d, ControlCommand.sensorDrop(SensorKind.CUBE_POSE, 1_000_000_000L, new StringBuilder(128)));
            assertTrue(drop.ok());
            awaitSteps(d, drop.appliedStep() + 100); // 2 s at 20 ms
        } finally {
            c = stop(d, x -> new long[] {x.counters().staleSensorHolds().get(), x.counters().estopLatched().get()});
        }
        Run run = read(d.logDirectory());
        long first = run.firstWith(StepFlags.STALE_CUBE_POSE, drop.appliedStep());
        assertTrue(first > drop.appliedStep(), "went stale: " + first);
        long[] at = run.steps().stream().filter(s -> s[0] == first).findFirst().orElseThrow();
        long[] before = run.steps().stream().filter(s -> s[0] == first - 1).findFirst().orElseThrow();
        assertTrue(at[2] - at[3] > limit, "stale at its step");
        assertTrue(before[2] - before[3] <= limit, "held on the first step whose pose was too old");
        long staleSteps = run.steps().stream().filter(s -> (s[1] & (StepFlags.STALE_CUBE_POSE | StepFlags.STALE_FACE_ANGLES
            | StepFlags.STALE_FINGERTIPS | StepFlags.STALE_HAND)) != 0).count();
        assertEquals(staleSteps, c[0], "counted");
        assertEquals(0, c[1], "not latched: the loop drives again once the sensor is back");
        List<EventRecordCopy> events = run.of(EventType.STALE_SENSOR).stream()
            .filter(e -> e.step() >= drop.appliedStep()).toList();
        assertEquals(1, events.size(), events.toString());
        assertEquals(first, events.get(0).step());
        assertTrue(events.get(0).text().contains("cube_pose"));
        long last = run.steps().stream().filter(s -> (s[1] & StepFlags.STALE_CUBE_POSE) != 0).mapToLong(s -> s[0]).max()
            .orElseThrow();
        assertTrue(run.firstWith(StepFlags.POLICY_RAN, last) > last, "the policy drives again after the drop");
        assertTrue(run.of(EventType.PERTURBATION).stream().anyMatch(e -> e.text().contains("cube_pose drops out")));
    }

    @ParameterizedTest(name = "lockstep={0}")
    @ValueSource(booleans = {true, false})
    void aStallBlocksTheNextTickForAtLeastItsTime(boolean lockstep) throws InterruptedException {
        Daemon d = start(config("stall", lockstep, null, null), lockstep);
        ControlCommand stall;
        long[] c;
        try {
            awaitSteps(d, 20);
            stall = send(d, ControlCommand.stall(200_000_000L, new StringBuilder(128)));
            assertTrue(stall.ok());
            awaitSteps(d, stall.appliedStep() + 10);
        } finally {
            c = stop(d, x -> new long[] {x.counters().overruns().get()});
        }
        Run run = read(d.logDirectory());
        long[] stalled = run.steps().stream().filter(s -> s[0] == stall.appliedStep()).findFirst().orElseThrow();
        assertTrue(stalled[4] >= 200_000_000L, "the step took " + stalled[4] + " ns");
        if (!lockstep) {
            long[] next = run.steps().stream().filter(s -> s[0] > stall.appliedStep()).findFirst().orElseThrow();
            assertTrue((next[1] & StepFlags.OVERRUN) != 0 && next[5] >= 9, "the tick after is late by the stall: "
                + next[5] + " periods skipped");
            assertTrue(c[0] >= 9, "overruns counted: " + c[0]);
        }
        assertTrue(run.of(EventType.PERTURBATION).stream().anyMatch(e -> e.text().contains("stalls for 200 ms")));
    }
}
