package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.config.ConfigLoader;
import dev.dexd.controller.config.DexdConfig;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.goals.GoalTracker;
import dev.dexd.controller.goals.SubgoalPlanner;
import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepLog;
import dev.dexd.controller.log.StepLogConfig;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import dev.dexd.controller.safety.Supervisor;
import dev.dexd.controller.sensing.SensorSourceFactory;
import dev.dexd.controller.sensing.SensorSources;
import dev.dexd.controller.sensing.SimSensorFeed;
import dev.dexd.drivers.HandDrivers;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.sensors.SimulatedSensors;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.policy.PolicyStep;
import dev.dexd.policy.action.ActuatorRanges;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.onnx.PolicyRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemEpochClock;

/**
 * One {@link ControlStep} over the real lockstep simulation, ticked by the test's own thread: the
 * MuJoCo hand, the simulated sensors, a real step log and counters in a temporary folder, wired as
 * the daemon wires them (no mocks). {@link #tick()} runs one step and advances the world a period.
 */
final class ControlStepRig implements AutoCloseable {
    final DexdConfig config;
    final SimulatedHand hand;
    final LockstepSimWorld world;
    final PolicyStep policy;
    final Supervisor supervisor;
    final GoalTracker goals;
    final StepLog log;
    final DaemonCounters counters;
    final Queue<ControlCommand> commands = new ManyToOneConcurrentArrayQueue<>(64);
    final ControlStep control;
    final SensorSources sensors;
    final long periodNanos;
    final ControlStep.Tick tick = new ControlStep.Tick();
    private boolean policyClosed;

    /** {@code configFile} as SimRig writes it (lockstep); the goals "R U" run from the first tick. */
    ControlStepRig(Path configFile, Path logDir) {
        config = ConfigLoader.load(configFile);
        PolicyManifest manifest = ManifestLoader.load(config.policy().manifest());
        periodNanos = config.control().periodMs() * 1_000_000L;
        hand = (SimulatedHand) HandDrivers.open(HandConfig.load(configFile).with("clock", "lockstep"));
        HandDescription d = hand.describe();
        int[] handIndex = new int[manifest.action().actuators().size()];
        for (int i = 0; i < handIndex.length; i++) {
            handIndex[i] = d.actuatorIndex(manifest.action().actuators().get(i));
        }
        ActuatorRanges ranges = new ActuatorRanges(d.actuatorNames().toArray(new String[0]), d.actuatorMins(),
            d.actuatorMaxs()).select(manifest.action().actuators());
        policy = new PolicyStep(PolicyRunner.open(manifest), ranges, 0);
        StepLayout layout = StepLayout.of(manifest.observationSize(), handIndex.length, manifest.action().bins(),
            StepLayout.HAND_JOINTS);
        HeaderRecord header = HeaderRecord.of(layout, periodNanos, HeaderRecord.LOCKSTEP, 5, "test", 0, "test",
            "0", "manifest", config.text(), manifest.action().actuators(), d.jointNames());
        log = StepLog.open(new StepLogConfig(logDir, StepLogConfig.DEFAULT_RING_BYTES, true), header).start();
        counters = DaemonCounters.create(logDir.resolveSibling(logDir.getFileName() + "-counters"),
            SystemEpochClock.INSTANCE);
        world = new LockstepSimWorld(hand, new SimSensorFeed(new SimulatedSensors(
            config.sim().sensors().toBuilder().stepNanos(periodNanos).build())));
        world.reset(5);
        goals = new GoalTracker(config.goals().tracker());
        goals.push(SubgoalPlanner.plan("R U", goals.plannedTopFace()));
        goals.start();
        supervisor = new Supervisor(ranges, config.safety().maxStepRad());
        DexdConfig.Safety s = config.safety();
        sensors = SensorSourceFactory.create(config.sensors(), world::latest, true, false, Throwable::printStackTrace)
            .configure().start();
        control = new ControlStep(world, sensors, hand, policy, supervisor, goals, log, counters, commands,
            new ControlStep.Limits(periodNanos, s.staleHandNanos(), s.followingErrorRad(), s.followingErrorPeriods()),
            handIndex, null);
    }

    /** One tick at the world's time, then the world advances one period. */
    ControlStep.Tick tick() {
        return tick(true);
    }

    /** One tick; {@code advance} false leaves the physics where it is (a stalled simulation). */
    ControlStep.Tick tick(boolean advance) {
        tick.nowNanos = advance ? world.nowNanos() : tick.nowNanos + periodNanos;
        tick.wallDeadlineNanos = System.nanoTime();
        control.tick(tick);
        if (advance) {
            world.afterTick(periodNanos);
        }
        tick.step++;
        tick.skippedPeriods = 0;
        return tick;
    }

    /** Offers {@code c}; it is applied at the start of the next tick. */
    ControlCommand offer(ControlCommand c) {
        commands.offer(c);
        return c;
    }

    /** The policy closed under the loop (its runtime then fails every step). */
    void closePolicy() {
        policy.close();
        policyClosed = true;
    }

    /** What the log holds so far: every step record's flags by step, and every event. */
    Logged read() {
        Logged out = new Logged();
        try (StepLogReader r = StepLogReader.open(log.directory())) {
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    StepRecord s = r.step();
                    out.flags.add(s.flags());
                    out.steps.add(s.step());
                } else {
                    EventRecord ev = r.event();
                    out.events.add(new Logged.Event(ev.type(), ev.step(), ev.text()));
                }
            }
        }
        return out;
    }

    /** Waits until the logger has written every record so far (the writer is lossless here). */
    void drain() {
        log.close();
    }

    @Override
    public void close() {
        sensors.close();
        log.close();
        counters.close();
        if (!policyClosed) {
            policy.close();
        }
        hand.close();
    }

    /** Records read back from the log. */
    static final class Logged {
        record Event(dev.dexd.controller.log.EventType type, long step, String text) {
        }

        final List<Integer> flags = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();
        final List<Event> events = new ArrayList<>();

        int flagsAt(long step) {
            return flags.get(steps.indexOf(step));
        }

        List<Event> of(dev.dexd.controller.log.EventType type) {
            return events.stream().filter(e -> e.type() == type).toList();
        }
    }
}
