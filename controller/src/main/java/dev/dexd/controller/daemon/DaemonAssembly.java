package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.config.ConfigLoader;
import dev.dexd.controller.config.DexdConfig;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DaemonState;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.GoalTracker;
import dev.dexd.controller.goals.SubgoalPlan;
import dev.dexd.controller.goals.SubgoalPlanner;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepLog;
import dev.dexd.controller.log.StepLogConfig;
import dev.dexd.controller.os.RealtimeConfig;
import dev.dexd.controller.safety.Supervisor;
import dev.dexd.common.sensing.SensorException;
import dev.dexd.controller.sensing.SensorSourceFactory;
import dev.dexd.controller.sensing.SensorSources;
import dev.dexd.controller.sensing.SimCameraSender;
import dev.dexd.controller.sensing.UdpVisionSource;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.vision.VisionConfig;
import dev.dexd.controller.sensing.SimSensorFeed;
import dev.dexd.policy.manifest.Feature;
import dev.dexd.drivers.HandDrivers;
import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandDriver;
import dev.dexd.drivers.sensors.SimulatedSensors;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.PolicyStep;
import dev.dexd.policy.action.ActuatorRanges;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.onnx.ModelHash;
import dev.dexd.policy.onnx.PolicyRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.UnaryOperator;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemEpochClock;

/**
 * The daemon's parts wired from its configuration (configure -> ready): the hand, the policy, the
 * step log in a new run directory, the counters, the world (lockstep or real-time simulation), the
 * control step and the control agent. Nothing runs yet. If anything fails on the way, what was
 * opened is closed and the run directory, if it was made, is removed: a refused start leaves
 * nothing behind.
 */
final class DaemonAssembly {
    final DexdConfig config;
    final ClockMode clock;
    final long periodNanos;
    final long seed;
    final HandDriver hand;
    final PolicyStep policy;
    final StepLog log;
    final DaemonCounters counters;
    final World world;
    /** The real-time simulation, whose sensors agent runs on its own thread; null in lockstep or on a real hand. */
    final RealtimeSimWorld realtimeWorld;
    /** The configured sensor sources (configured here, started with the daemon). */
    final SensorSources sensors;
    /** The simulated cameras' UDP sender ({@code sim.sensors.cameras_udp} in real time), or null. */
    final SimCameraSender cameraSender;
    final ControlStep control;
    final ControlAgent agent;
    final Queue<ControlCommand> commands = new ManyToOneConcurrentArrayQueue<>(1024);
    final EstopSignal estop = new EstopSignal();
    final List<String> jointNames;
    final List<String> startupLines = new ArrayList<>();
    /** Start-up work begun on a second thread; awaited before the control thread starts. */
    final StartupPreload preload;

    /** @param worldWrapper wraps the simulation world (fault injection in tests), or null */
    DaemonAssembly(Daemon.Options o, UnaryOperator<World> worldWrapper) {
        config = ConfigLoader.load(o.config());
        dev.dexd.common.startup.StartupTrace.mark("config read");
        preload = StartupPreload.start(config.console().enabled());
        clock = o.lockstep() == null ? config.control().clock() : o.lockstep() ? ClockMode.LOCKSTEP : ClockMode.REALTIME;
        seed = o.seed() != null ? o.seed() : config.sim().seed();
        double durationSeconds = o.durationSeconds();
        String sequence = o.goals() != null ? o.goals() : config.goals().sequence();
        if (!sequence.isBlank()) {
            CubeNotation.parse(sequence); // a typo is reported before anything is opened
        }

        PolicyManifest manifest = ManifestLoader.load(config.policy().manifest());
        periodNanos = o.periodNanos() != null ? o.periodNanos()
            : (config.control().periodMs() > 0 ? config.control().periodMs() : manifest.periodMs()) * 1_000_000L;

        HandConfig handConfig = config.requireHand(); // from the same parse as the rest
        List<AutoCloseable> opened = new ArrayList<>();
        Path runDirectory = null;
        try {
            hand = HandDrivers.open(handConfig, clock); // the clock option goes to a simulation only
            dev.dexd.common.startup.StartupTrace.mark("hand (simulation) opened");
            opened.add(hand);
            SimulatedHand sim = hand instanceof SimulatedHand s ? s : null;
            boolean camerasUdp = config.sim().camerasUdp();
            if (sim == null && camerasUdp) {
                throw new ConfigException("config " + o.config() + ": sim.sensors.cameras_udp sends the simulated cameras'"
                    + " estimates, and hand '" + handConfig.library() + "' is not the simulation: set cameras_udp: false");
            }
            if (sim == null && clock == ClockMode.LOCKSTEP) {
                throw new ConfigException("config " + o.config() + ": hand '" + handConfig.library() + "' is a real hand,"
                    + " and lockstep steps a simulation: set control.clock: realtime (and leave out --lockstep)");
            }
            requireSources(manifest, config.sensors(), o.config());
            HandDescription d = hand.describe();
            jointNames = d.jointNames();
            int[] handIndex = handIndex(manifest, d);
            ActuatorRanges ranges = new ActuatorRanges(d.actuatorNames().toArray(new String[0]), d.actuatorMins(),
                d.actuatorMaxs()).select(manifest.action().actuators());

            policy = new PolicyStep(PolicyRunner.open(manifest), ranges, config.policy().smoothing());
            dev.dexd.common.startup.StartupTrace.mark("policy opened");
            opened.add(policy);

            StepLayout layout = StepLayout.of(manifest.observationSize(), manifest.action().actuators().size(),
                manifest.action().bins(), StepLayout.HAND_JOINTS, !config.sensors().fingertips().isNone(),
                !config.sensors().cubeState().isNone());
            Path logDir = runDirectory(o.logDir() != null ? o.logDir() : config.log().dir(), seed);
            HeaderRecord header = HeaderRecord.of(layout, periodNanos,
                clock == ClockMode.LOCKSTEP ? HeaderRecord.LOCKSTEP : HeaderRecord.REALTIME, seed, hostName(),
                System.currentTimeMillis(), version(), ModelHash.sha256(manifest.model()),
                Files.readString(manifest.source()), config.text(), manifest.action().actuators(), d.jointNames(),
                lows(ranges), highs(ranges), config.policy().smoothing());
            runDirectory = logDir;
            // lockstep can outrun the logger, and a dropped record would break the run's digest: wait instead
            log = StepLog.open(new StepLogConfig(logDir, config.log().ringBytes(), clock == ClockMode.LOCKSTEP,
                config.log().minFreeMb() << 20, config.log().warnFreeMb() << 20), header).start();
            opened.add(log);
            dev.dexd.common.startup.StartupTrace.mark("step log opened");

            counters = DaemonCounters.create(config.counters().dir(), SystemEpochClock.INSTANCE);
            opened.add(counters);
            counters.state(DaemonState.CONFIGURE);
            dev.dexd.common.startup.StartupTrace.mark("counters created");

            SimSensorFeed feed = null;
            if (sim == null) {
                world = new HandWorld();
                realtimeWorld = null;
            } else {
                feed = new SimSensorFeed(new SimulatedSensors(
                    config.sim().sensors().toBuilder().stepNanos(periodNanos).build()));
                if (clock == ClockMode.LOCKSTEP) {
                    world = new LockstepSimWorld(sim, feed);
                    realtimeWorld = null;
                } else {
                    RealtimeSimWorld rt = new RealtimeSimWorld(sim, feed);
                    world = rt;
                    // its sensors thread runs only when a kind reads the simulated sensors or the cameras send packets
                    realtimeWorld = config.sensors().uses(DexdConfig.Sensors.SIM) || camerasUdp ? rt : null;
                }
            }
            World w = worldWrapper != null ? worldWrapper.apply(world) : world;
            w.reset(seed);
            dev.dexd.common.startup.StartupTrace.mark("simulation reset");

            ThreadErrors sourceErrors = new ThreadErrors("sensor source", "its data goes stale: the control step holds",
                counters.newCounter("sensor source thread errors"), log.newEventWriter(), System.err);
            try {
                sensors = SensorSourceFactory.create(config.sensors(), sim != null ? w::latest : null,
                    clock == ClockMode.LOCKSTEP, camerasUdp, sourceErrors).configure();
            } catch (ConfigException | SensorException e) {
                throw new ConfigException("config " + o.config() + ": " + e.getMessage());
            }
            opened.add(sensors);
            List<String> sensorNotes = new ArrayList<>(); // printed after the sources
            String fallback = SensorSourceFactory.lockstepFallback(config.sensors(), clock == ClockMode.LOCKSTEP, camerasUdp);
            if (fallback != null) {
                sensorNotes.add(fallback);
            }
            if (camerasUdp && clock == ClockMode.REALTIME) {
                // to the address the listener bound (the port it chose when the config said 0)
                UdpVisionSource udp = (UdpVisionSource) sensors.source(SensorKind.CUBE_POSE);
                try {
                    cameraSender = SimCameraSender.open(config.sensors().cubePose().settings(VisionConfig.class),
                        udp.address());
                } catch (SensorException e) {
                    throw new ConfigException("config " + o.config() + ": " + e.getMessage());
                }
                opened.add(cameraSender);
                feed.sendCameras(cameraSender);
                sensorNotes.add("sim cameras: left, right, top as cameras 1, 2, 3, DXPS packets to udp "
                    + cameraSender.target().getAddress().getHostAddress() + ":" + cameraSender.target().getPort()
                    + " (sim.sensors.cameras_udp)");
            } else {
                cameraSender = null;
            }
            dev.dexd.common.startup.StartupTrace.mark("sensor sources configured");

            GoalTracker goals = new GoalTracker(config.goals().tracker());
            SubgoalPlan plan = sequence.isBlank() ? null : SubgoalPlanner.plan(sequence, goals.plannedTopFace());
            if (plan != null) {
                goals.push(plan);
                goals.start();
            }
            Supervisor supervisor = new Supervisor(ranges, config.safety().maxStepRad());
            DexdConfig.Safety s = config.safety();
            ControlStep.Limits limits = new ControlStep.Limits(periodNanos, s.staleHandNanos(), s.followingErrorRad(),
                s.followingErrorPeriods());
            // lockstep without a duration runs one episode (batch evaluation); otherwise repeat as configured
            boolean repeat = config.goals().repeatEpisodes() && !(clock == ClockMode.LOCKSTEP && durationSeconds <= 0);
            long firstSeed = seed;
            ControlStep.EpisodeRestarter restarter = repeat && plan != null
                ? (step, g, ww) -> {
                    ww.reset(firstSeed + g.episodes());
                    g.clear();
                    g.push(plan);
                    return g.start();
                }
                : null;
            PerturbationSeeds seeds = new PerturbationSeeds(seed);
            PerturbationSchedule schedule;
            try {
                schedule = PerturbationSchedule.of(config.perturbations(), w.perturbations(), seeds, log.newEventWriter());
            } catch (ConfigException e) {
                throw new ConfigException("config " + o.config() + ": " + e.getMessage());
            }
            control = new ControlStep(w, sensors, hand, policy, supervisor, goals, log, counters, commands, limits,
                handIndex, restarter, seeds, schedule);
            if (!schedule.isEmpty()) {
                startupLines.add("perturbations: " + schedule.describe() + " (each episode)");
            }
            DexdConfig.Control c = config.control();
            long durationNanos = durationSeconds > 0 ? (long) (durationSeconds * 1e9) : 0;
            agent = new ControlAgent(control, w, clock == ClockMode.LOCKSTEP, periodNanos, durationNanos, c.spinNanos(),
                estop, counters, log.newEventWriter(), policy.runner(),
                new RealtimeConfig(c.cpu(), c.fifoPriority(), c.lockMemory()));
            if (plan != null) {
                startupLines.add("goals: " + sequence.trim() + " -> " + plan.size() + " subgoals (" + plan.flips()
                    + " flips, " + plan.rotations() + " rotations)");
            }
            startupLines.add("policy: " + manifest.model().getFileName() + " (" + manifest.observationSize() + " inputs, "
                + manifest.state().size() + " state tensors), period " + periodNanos / 1_000_000.0 + " ms");
            startupLines.add("hand: " + d.library() + ", " + clock.name().toLowerCase() + " clock, seed " + seed);
            startupLines.addAll(sensorNotes);
            startupLines.add("log: " + logDir);
            startupLines.add("counters: " + counters.file() + " (read them with 'dexd stat')");
            counters.state(DaemonState.READY);
            dev.dexd.common.startup.StartupTrace.mark("control step assembled");
        } catch (IOException e) {
            ShutdownPath.abandon(opened, runDirectory);
            throw new ConfigException("cannot start: " + e.getMessage());
        } catch (Throwable e) {
            ShutdownPath.abandon(opened, runDirectory);
            throw e;
        }
    }

    /** What feeds the inputs, for the status text: e.g. "sim" or "udp+vision+fk". */
    String sourcesLabel() {
        java.util.StringJoiner j = new java.util.StringJoiner("+");
        for (dev.dexd.common.sensing.SensorSource s : sensors.sources()) {
            j.add(s.name());
        }
        return j.length() == 0 ? "none" : j.toString();
    }

    /** A start refused after the assembly was made: closes every part and removes the run directory. */
    void abandon() {
        List<AutoCloseable> parts = new ArrayList<>(List.of(hand, policy, log, counters, sensors));
        if (cameraSender != null) {
            parts.add(cameraSender);
        }
        ShutdownPath.abandon(parts, log.directory());
    }

    /**
     * Refuses a start whose policy reads an input that no source provides: one line naming the
     * feature and the {@code sensors:} key. (The cube pose and face angles always have a source: the
     * goal logic needs them.)
     */
    private static void requireSources(PolicyManifest m, DexdConfig.Sensors sensors, Path config) {
        for (PolicyManifest.FeatureSlot f : m.features()) {
            if (f.feature() == Feature.FINGERTIP_POS && sensors.fingertips().isNone()) {
                throw new ConfigException("config " + config + ": the policy reads fingertip_pos (" + m.source()
                    + ") and sensors.fingertips.source is none: choose sim, fk or mocap_udp");
            }
        }
    }

    private static int[] handIndex(PolicyManifest m, HandDescription d) {
        List<String> names = m.action().actuators();
        int[] index = new int[names.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < index.length; i++) {
            index[i] = d.actuatorIndex(names.get(i));
            if (index[i] < 0) {
                missing.add(names.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new PolicyException("the policy's actuators " + missing + " are not on the hand (" + d.library()
                + " has " + String.join(", ", d.actuatorNames()) + "): fix action.actuators in " + m.source());
        }
        return index;
    }

    private static double[] lows(ActuatorRanges r) {
        double[] v = new double[r.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.low(i);
        }
        return v;
    }

    private static double[] highs(ActuatorRanges r) {
        double[] v = new double[r.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.high(i);
        }
        return v;
    }

    private static Path runDirectory(Path base, long seed) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = base.resolve("run-" + stamp + "-seed" + seed);
        for (int i = 2; Files.exists(dir); i++) {
            dir = base.resolve("run-" + stamp + "-seed" + seed + "-" + i);
        }
        return dir;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String version() {
        String v = Daemon.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
