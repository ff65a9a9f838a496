package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.config.ConfigLoader;
import dev.dexd.controller.config.DexdConfig;
import dev.dexd.controller.console.ConsoleServer;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DaemonState;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.GoalTracker;
import dev.dexd.controller.goals.SubgoalPlan;
import dev.dexd.controller.goals.SubgoalPlanner;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepLog;
import dev.dexd.controller.log.StepLogConfig;
import dev.dexd.controller.os.RealtimeConfig;
import dev.dexd.controller.os.SelfCheck;
import dev.dexd.controller.safety.Supervisor;
import dev.dexd.controller.sensing.SimSensorFeed;
import dev.dexd.controller.timing.RealtimeScheduler;
import dev.dexd.controller.timing.TickBody;
import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDescription;
import dev.dexd.drivers.hand.HandDriver;
import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.HandDrivers;
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
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

/**
 * The daemon: builds everything from the configuration (configure -> ready), runs the control loop
 * on its own thread (running) and shuts down cleanly (stopping): hand to hold, log drained and
 * closed. Threads: control (the loop), logger (the step log's agent), sensors (realtime
 * simulation only), and the caller's thread, which shows the live status and waits.
 */
public final class Daemon implements AutoCloseable {
    /** What {@code dexd run} asks for; nulls mean "as configured" (lockstep: true lockstep, false realtime). */
    public record Options(Path config, double durationSeconds, Boolean lockstep, Long seed, String goals, Path logDir,
                          Long periodNanos) {
        /** Options with the configured period. */
        public Options(Path config, double durationSeconds, Boolean lockstep, Long seed, String goals, Path logDir) {
            this(config, durationSeconds, lockstep, seed, goals, logDir, null);
        }
    }

    /** Steps before the control thread's allocation is measured (JIT compilation allocates). */
    public static final long ALLOCATION_WARMUP_STEPS = 2_000;

    private final DexdConfig config;
    private final ClockMode clock;
    private final long periodNanos;
    private final long seed;
    private final double durationSeconds;
    private final HandDriver hand;
    private final SimulatedHand sim;
    private final PolicyStep policy;
    private final StepLog log;
    private final DaemonCounters counters;
    private final World world;
    private final AgentRunner sensorsRunner;
    private final ControlStep control;
    private final Queue<ControlCommand> commands = new ManyToOneConcurrentArrayQueue<>(1024);
    private final List<String> startupLines = new ArrayList<>();
    private final Thread controlThread;
    private final ConsoleServer console;
    private volatile boolean stopRequested;
    private volatile boolean closed;
    private volatile Throwable controlFailure;
    private volatile long stepsRun;
    private SelfCheck selfCheck;
    private AllocationWindow allocation;

    private Daemon(Options o) {
        config = ConfigLoader.load(o.config());
        clock = o.lockstep() == null ? config.control().clock() : o.lockstep() ? ClockMode.LOCKSTEP : ClockMode.REALTIME;
        seed = o.seed() != null ? o.seed() : config.sim().seed();
        durationSeconds = o.durationSeconds();
        String sequence = o.goals() != null ? o.goals() : config.goals().sequence();
        if (!sequence.isBlank()) {
            CubeNotation.parse(sequence); // a typo is reported before anything is opened
        }

        PolicyManifest manifest = ManifestLoader.load(config.policy().manifest());
        periodNanos = o.periodNanos() != null ? o.periodNanos()
            : (config.control().periodMs() > 0 ? config.control().periodMs() : manifest.periodMs()) * 1_000_000L;

        HandConfig handConfig = config.requireHand().with("clock", clock.key()); // from the same parse as the rest
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            hand = HandDrivers.open(handConfig);
            opened.add(hand);
            sim = hand instanceof SimulatedHand s ? s : null;
            if (sim == null) {
                throw new ConfigException("config " + o.config() + ": hand '" + handConfig.library()
                    + "' is a real hand, and the real sensor inputs (camera pose over UDP, Giiker cube over BLE) are"
                    + " not implemented yet: run against the simulation (configs/sim.yaml) or use 'dexd hand check'");
            }
            HandDescription d = hand.describe();
            int[] handIndex = handIndex(manifest, d);
            ActuatorRanges ranges = new ActuatorRanges(d.actuatorNames().toArray(new String[0]), d.actuatorMins(),
                d.actuatorMaxs()).select(manifest.action().actuators());

            policy = new PolicyStep(PolicyRunner.open(manifest), ranges, config.policy().smoothing());
            opened.add(policy);

            StepLayout layout = StepLayout.of(manifest.observationSize(), manifest.action().actuators().size(),
                manifest.action().bins(), StepLayout.HAND_JOINTS);
            Path logDir = runDirectory(o.logDir() != null ? o.logDir() : config.log().dir(), seed);
            HeaderRecord header = HeaderRecord.of(layout, periodNanos,
                clock == ClockMode.LOCKSTEP ? HeaderRecord.LOCKSTEP : HeaderRecord.REALTIME, seed, hostName(),
                System.currentTimeMillis(), version(), ModelHash.sha256(manifest.model()),
                Files.readString(manifest.source()), config.text(), manifest.action().actuators(), d.jointNames(),
                lows(ranges), highs(ranges), config.policy().smoothing());
            // lockstep can outrun the logger, and a dropped record would break the run's digest: wait instead
            log = StepLog.open(new StepLogConfig(logDir, config.log().ringBytes(), clock == ClockMode.LOCKSTEP,
                config.log().minFreeMb() << 20, config.log().warnFreeMb() << 20), header).start();
            opened.add(log);

            counters = DaemonCounters.create(config.counters().dir(), SystemEpochClock.INSTANCE);
            opened.add(counters);
            counters.state(DaemonState.CONFIGURE);

            SimSensorFeed feed = new SimSensorFeed(new SimulatedSensors(
                config.sim().sensors().toBuilder().stepNanos(periodNanos).build()));
            if (clock == ClockMode.LOCKSTEP) {
                world = new LockstepSimWorld(sim, feed);
                sensorsRunner = null;
            } else {
                RealtimeSimWorld rt = new RealtimeSimWorld(sim, feed);
                world = rt;
                sensorsRunner = new AgentRunner(new SleepingIdleStrategy(250_000), t -> controlFailure = t, null,
                    rt.sensorsAgent());
            }
            world.reset(seed);

            GoalTracker goals = new GoalTracker(config.goals().tracker());
            SubgoalPlan plan = sequence.isBlank() ? null : SubgoalPlanner.plan(sequence, goals.plannedTopFace());
            if (plan != null) {
                goals.push(plan);
                goals.start();
            }
            Supervisor supervisor = new Supervisor(ranges, config.safety().maxStepRad());
            DexdConfig.Safety s = config.safety();
            ControlStep.Limits limits = new ControlStep.Limits(periodNanos, s.staleCubePoseNanos(),
                s.staleFaceAnglesNanos(), s.staleFingertipsNanos(), s.staleHandNanos(), s.followingErrorRad(),
                s.followingErrorPeriods());
            // lockstep without a duration runs one episode (batch evaluation); otherwise repeat as configured
            boolean repeat = config.goals().repeatEpisodes() && !(clock == ClockMode.LOCKSTEP && durationSeconds <= 0);
            ControlStep.EpisodeRestarter restarter = repeat && plan != null
                ? (step, g, w) -> {
                    w.reset(seed + g.episodes());
                    g.clear();
                    g.push(plan);
                    return g.start();
                }
                : null;
            control = new ControlStep(world, hand, policy, supervisor, goals, log, counters, commands, limits,
                handIndex, restarter);
            if (plan != null) {
                startupLines.add("goals: " + sequence.trim() + " -> " + plan.size() + " subgoals (" + plan.flips()
                    + " flips, " + plan.rotations() + " rotations)");
            }
            startupLines.add("policy: " + manifest.model().getFileName() + " (" + manifest.observationSize() + " inputs, "
                + manifest.state().size() + " state tensors), period " + periodNanos / 1_000_000.0 + " ms");
            startupLines.add("hand: " + d.library() + ", " + clock.name().toLowerCase() + " clock, seed " + seed);
            startupLines.add("log: " + logDir);
            startupLines.add("counters: " + counters.file() + " (read them with 'dexd stat')");
            console = config.console().enabled() ? new ConsoleServer(config.console(),
                new DaemonConsoleBackend(this, log.newEventWriter(), world.perturbations())) : null;
            if (console != null) {
                startupLines.add("console: " + config.console().bind() + ":" + config.console().port()
                    + " ('dexd console', or nc)");
            }
            controlThread = new Thread(this::controlLoop, "dexd-control");
            counters.state(DaemonState.READY);
        } catch (IOException e) {
            closeAll(opened);
            throw new ConfigException("cannot start: " + e.getMessage());
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Configures the daemon; nothing moves until {@link #start()}. */
    public static Daemon configure(Options options) {
        return new Daemon(options);
    }

    /** Where this run's step log is. */
    public Path logDirectory() {
        return log.directory();
    }

    /**
     * The live counters. Only while the daemon is open: {@link #close()} unmaps their file, and reading
     * an unmapped counter would crash the JVM, so this refuses instead.
     */
    /** Log records lost so far (ring full or the logger failed to write them), steps among them. */
    public long lostLogRecords() {
        return log.lostRecords();
    }

    public long lostLogSteps() {
        return log.lostSteps();
    }

    public DaemonCounters counters() {
        if (closed) {
            throw new IllegalStateException("the daemon is closed: its counters file is unmapped; read counters before close()");
        }
        return counters;
    }

    /** The TCP console, or null when the config has none. */
    public ConsoleServer console() {
        return console;
    }

    /** Commands for the control thread, applied at the next tick (any thread may offer). */
    public Queue<ControlCommand> commands() {
        return commands;
    }

    /** The self-check made on the control thread at start, once running. */
    public SelfCheck selfCheck() {
        return selfCheck;
    }

    public long periodNanos() {
        return periodNanos;
    }

    public ClockMode clock() {
        return clock;
    }

    /** Asks the loop to stop at the next tick boundary (signal handlers call this). */
    public void requestStop() {
        stopRequested = true;
    }

    /** Starts the threads (the console first: if it cannot listen, nothing has moved). */
    public void start() {
        if (console != null) {
            console.start();
        }
        if (sensorsRunner != null) {
            AgentRunner.startOnThread(sensorsRunner);
        }
        controlThread.start();
    }

    /**
     * For {@code dexd bench}: the control step as a body for a paced loop that someone else runs on one
     * thread, with the sensors and logger threads started here. Do not also {@link #start()}.
     */
    public TickBody tickBody() {
        if (sensorsRunner != null) {
            AgentRunner.startOnThread(sensorsRunner);
        }
        counters.state(DaemonState.RUNNING);
        ControlStep.Tick tick = new ControlStep.Tick();
        return step -> {
            tick.step = stepsRun; // the caller's loop may restart its count; the log's steps stay in order
            tick.nowNanos = System.nanoTime();
            tick.wallDeadlineNanos = tick.nowNanos;
            control.tick(tick);
            counters.heartbeat();
            stepsRun++;
        };
    }

    /** Waits for the control loop to finish (duration reached, stop requested or shutdown command). */
    public void awaitStop(long millis) throws InterruptedException {
        controlThread.join(millis);
    }

    public boolean isRunning() {
        return controlThread.isAlive();
    }

    /** Steps run so far. */
    public long stepsRun() {
        return stepsRun;
    }

    /**
     * Bytes dexd's code allocated on the control thread per step, after a warm-up of
     * {@value #ALLOCATION_WARMUP_STEPS} steps, ORT's own arrays excluded; NaN before enough steps ran.
     * Read once the loop has stopped.
     */
    public double allocatedBytesPerStep() {
        return allocation == null || allocation.steps() == 0 ? Double.NaN : (double) allocation.bytes() / allocation.steps();
    }

    /** Steps over which {@link #allocatedBytesPerStep()} was measured. */
    public long allocationMeasuredSteps() {
        return allocation == null ? 0 : allocation.steps();
    }

    /** An unexpected failure of the control thread, or null. */
    public Throwable failure() {
        return controlFailure;
    }

    private void controlLoop() {
        try {
            DexdConfig.Control c = config.control();
            selfCheck = SelfCheck.run(new RealtimeConfig(c.cpu(), c.fifoPriority(), c.lockMemory()));
            allocation = new AllocationWindow(policy.runner(), ALLOCATION_WARMUP_STEPS);
            log.newEventWriter().write(EventType.CONFIG, 0, 0, String.join("; ", selfCheck.lines()));
            counters.state(DaemonState.RUNNING);
            if (clock == ClockMode.LOCKSTEP) {
                runLockstep();
            } else {
                runRealtime();
            }
        } catch (Throwable t) {
            controlFailure = t;
        } finally {
            counters.state(DaemonState.STOPPING);
        }
    }

    private void runLockstep() {
        LockstepSimWorld w = (LockstepSimWorld) world;
        ControlStep.Tick tick = new ControlStep.Tick();
        long maxSteps = durationSeconds > 0 ? (long) Math.ceil(durationSeconds * 1e9 / periodNanos) : Long.MAX_VALUE;
        for (long step = 0; step < maxSteps; step++) {
            tick.step = step;
            tick.nowNanos = w.nowNanos();
            tick.wallDeadlineNanos = System.nanoTime();
            control.tick(tick);
            counters.heartbeat();
            stepsRun = step + 1;
            world.afterTick(periodNanos);
            allocation.afterStep(stepsRun);
            if (stopRequested || control.shutdownRequested()
                || durationSeconds <= 0 && !control.goals().isRunning()) {
                break;
            }
        }
        control.holdForShutdown(stepsRun, w.nowNanos());
    }

    private void runRealtime() {
        RealtimeScheduler scheduler = RealtimeScheduler.parkThenSpin(periodNanos, config.control().spinNanos());
        ControlStep.Tick tick = new ControlStep.Tick();
        long start = System.nanoTime();
        long end = durationSeconds > 0 ? start + (long) (durationSeconds * 1e9) : Long.MAX_VALUE;
        long step = 0;
        while (!stopRequested && !control.shutdownRequested()) {
            step = scheduler.awaitNextTick();
            long now = System.nanoTime();
            if (now - end >= 0) {
                break;
            }
            tick.step = step;
            tick.nowNanos = now;
            tick.wallDeadlineNanos = scheduler.deadlineNs();
            tick.latenessNanos = scheduler.latenessNs();
            tick.skippedPeriods = (int) scheduler.skippedPeriods();
            control.tick(tick);
            counters.heartbeat();
            stepsRun++;
            allocation.afterStep(stepsRun);
        }
        control.holdForShutdown(step, System.nanoTime());
    }

    /** Stops every thread and closes the hand, the log (drained) and the counters, in that order. */
    @Override
    public void close() {
        stopRequested = true;
        closed = true;
        if (console != null) {
            console.close(); // before the counters and the log it reads and writes are closed
        }
        try {
            controlThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sensorsRunner != null) {
            sensorsRunner.close();
        }
        closeAll(List.of(hand, policy, log, counters));
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

    private static void closeAll(List<? extends AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // closing on the way out: the first failure is what matters and was reported
            }
        }
    }

    /** For printing startup information. */
    public void printStartup(PrintStream out) {
        for (String line : startupLines) {
            out.println(line);
        }
    }
}
