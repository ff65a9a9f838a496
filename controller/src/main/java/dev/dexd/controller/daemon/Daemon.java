package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import dev.dexd.controller.console.ConsoleServer;
import dev.dexd.controller.liveview.LiveView;
import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.counters.DaemonState;
import dev.dexd.controller.counters.DexdCounter;
import dev.dexd.controller.log.LogRetention;
import dev.dexd.controller.metrics.MetricsServer;
import dev.dexd.controller.os.SelfCheck;
import dev.dexd.controller.systemd.HealthAgent;
import dev.dexd.controller.systemd.StatusText;
import dev.dexd.controller.systemd.SystemdNotifier;
import dev.dexd.controller.timing.TickBody;
import dev.dexd.drivers.ClockMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.UnaryOperator;
import dev.dexd.controller.sensing.GiikerSource;
import dev.dexd.controller.sensing.SourceHealthAgent;
import dev.dexd.controller.console.CubeStateReading;
import dev.dexd.controller.config.DexdConfig;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SleepingIdleStrategy;

/**
 * The daemon: its parts wired from the configuration ({@link DaemonAssembly}: configure -> ready),
 * the control loop on its own thread ({@link ControlRunner}: running) and the stop path
 * ({@link ShutdownPath}: stopping, the hand held, the log drained and closed). Threads: control,
 * logger (the step log's agent), sensors (real-time simulation only), console (when configured),
 * and the caller's thread, which shows the live status and waits. What each does on an error:
 * docs/ARCHITECTURE.md, "Threads and failure policy".
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
    public static final long ALLOCATION_WARMUP_STEPS = ControlAgent.ALLOCATION_WARMUP_STEPS;

    /** How often log retention runs after the start. */
    static final long RETENTION_NANOS = 3_600_000_000_000L;

    private final DaemonAssembly parts;
    private final ControlRunner control;
    private final AgentRunner sensorsRunner;
    private final ConsoleServer console;
    private final LiveView liveView;
    private final SystemdNotifier notifier;
    private final LogRetention retention;
    private volatile MetricsServer metrics;
    private final AgentRunner healthRunner;
    private final List<String> startupLines;
    private volatile boolean closed;
    private volatile long benchSteps;

    private Daemon(Options o, UnaryOperator<World> worldWrapper, Map<String, String> env) {
        parts = new DaemonAssembly(o, worldWrapper);
        try {
            control = new ControlRunner(parts.agent, parts.hand, parts.counters);
            if (parts.realtimeWorld != null) {
                ThreadErrors errors = new ThreadErrors("sensors", "its data goes stale: the control step holds",
                    parts.counters.counter(DexdCounter.SENSORS_ERRORS), parts.log.newEventWriter(), System.err);
                sensorsRunner = new AgentRunner(new SleepingIdleStrategy(250_000), errors, null,
                    new FailSafeAgent(parts.realtimeWorld.sensorsAgent(), errors));
            } else {
                sensorsRunner = null;
            }
            notifier = SystemdNotifier.fromEnvironment(env, System.err);
            var r = parts.config.log().retention();
            retention = new LogRetention(parts.log.directory(), r.maxRuns(), r.maxBytes(), parts.log.newEventWriter(),
                parts.counters.counter(DexdCounter.LOG_RUNS_DELETED), System.out);
            HealthAgent health = new HealthAgent(notifier, parts.counters, new StatusText(parts.counters, parts.sourcesLabel()), this::deadThread,
                retention.enabled() ? retention::apply : null, RETENTION_NANOS, System.err);
            ThreadErrors healthErrors = new ThreadErrors("health", "watchdog pings may stop: systemd restarts dexd",
                parts.counters.counter(DexdCounter.HEALTH_ERRORS), parts.log.newEventWriter(), System.err);
            SourceHealthAgent sourceHealth = new SourceHealthAgent(parts.sensors.sources(), parts.counters,
                parts.log.newEventWriter(), System.err);
            healthRunner = new AgentRunner(new SleepingIdleStrategy(10_000_000L), healthErrors, null,
                new FailSafeAgent(new CompositeAgent(health, sourceHealth), healthErrors));
            startupLines = new ArrayList<>(parts.startupLines);
            if (parts.config.metrics().enabled()) {
                startupLines.add("metrics: http://" + parts.config.metrics().bind() + ":" + parts.config.metrics().port()
                    + "/metrics (Prometheus)");
            }
            if (notifier.enabled()) {
                startupLines.add("systemd: notify on" + (notifier.watchdogNanos() > 0
                    ? ", watchdog " + notifier.watchdogNanos() / 1_000_000 + " ms (pinged every "
                    + notifier.watchdogNanos() / 2_000_000 + " ms while the loop advances)" : ", no watchdog"));
            }
            console = parts.config.console().enabled() ? new ConsoleServer(parts.config.console(),
                new DaemonConsoleBackend(this, parts.log.newEventWriter(), parts.world.perturbations())) : null;
            if (console != null) {
                startupLines.add("console: " + parts.config.console().bind() + ":" + parts.config.console().port()
                    + " ('dexd console', or nc)");
            }
            dev.dexd.common.startup.StartupTrace.mark("console built");
            liveView = parts.config.liveView().enabled() ? new LiveView(parts.config.liveView(),
                parts.log.header(), parts.log.directory()) : null;
            if (liveView != null) {
                startupLines.add("live view: ws://" + parts.config.liveView().bind() + ":" + parts.config.liveView().port()
                    + " (in Foxglove: Open connection, Foxglove WebSocket)");
            }
        } catch (Throwable e) {
            parts.abandon();
            throw e;
        }
    }

    /**
     * Configures the daemon; nothing moves until {@link #start()}. A refusal leaves no run directory behind.
     * systemd notification follows the process environment ({@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC}).
     */
    public static Daemon configure(Options options) {
        return new Daemon(options, null, System.getenv());
    }

    /** As {@link #configure(Options)} with the environment given (tests: {@code Map.of()} for no systemd). */
    public static Daemon configure(Options options, Map<String, String> env) {
        return new Daemon(options, null, env);
    }

    /** For fault injection in tests: the simulation world as seen by the control loop, wrapped. */
    static Daemon configure(Options options, UnaryOperator<World> worldWrapper) {
        return new Daemon(options, worldWrapper, Map.of());
    }

    /** The hand the loop drives (tests read the simulation's truth through it). */
    dev.dexd.drivers.hand.HandDriver hand() {
        return parts.hand;
    }

    /** The configured sensor sources (tests read the address a udp listener bound through it). */
    dev.dexd.controller.sensing.SensorSources sensors() {
        return parts.sensors;
    }

    /** Where this run's step log is. */
    public Path logDirectory() {
        return parts.log.directory();
    }

    /** Log records lost so far (ring full or the logger failed to write them), steps among them. */
    public long lostLogRecords() {
        return parts.log.lostRecords();
    }

    public long lostLogSteps() {
        return parts.log.lostSteps();
    }

    /**
     * The live counters. Only while the daemon is open: {@link #close()} unmaps their file, and reading
     * an unmapped counter would crash the JVM, so this refuses instead.
     */
    public DaemonCounters counters() {
        if (closed) {
            throw new IllegalStateException("the daemon is closed: its counters file is unmapped; read counters before close()");
        }
        return parts.counters;
    }

    /** The TCP console, or null when the config has none. */
    public ConsoleServer console() {
        return console;
    }

    /** Commands for the control thread, applied at the next tick (any thread may offer). */
    public Queue<ControlCommand> commands() {
        return parts.commands;
    }

    /** The e-stop: raised by any thread, applied by the control thread between ticks (real time) or at the next tick (lockstep). */
    public EstopSignal estop() {
        return parts.estop;
    }

    /** The self-check made on the control thread at start, once running. */
    public SelfCheck selfCheck() {
        return parts.agent.selfCheck();
    }

    /**
     * The start-up self-check as printed: the control thread's (CPU, scheduling, memory, timer) once it
     * ran, then each sensor source with its state; null before the control thread's check.
     */
    public List<String> selfCheckLines() {
        SelfCheck c = selfCheck();
        if (c == null) {
            return null;
        }
        List<String> lines = new ArrayList<>(c.lines());
        for (String s : parts.sensors.describe()) {
            lines.add("sensor " + s);
        }
        return lines;
    }

    public long periodNanos() {
        return parts.periodNanos;
    }

    public ClockMode clock() {
        return parts.clock;
    }

    /** Asks the loop to stop at the next tick boundary (signal handlers call this). */
    public void requestStop() {
        parts.agent.requestStop();
    }

    /**
     * Starts the threads, the console first: if it cannot listen, nothing has moved, everything is
     * closed and the run directory removed (a refused start leaves nothing behind).
     */
    public void start() {
        dev.dexd.common.startup.StartupTrace.mark("daemon starting");
        if (console != null) {
            try {
                console.start();
            } catch (Throwable e) { // Netty may throw a checked BindException undeclared
                closed = true;
                parts.abandon();
                throw e;
            }
        }
        try {
            if (liveView != null) {
                liveView.start();
            }
            if (parts.config.metrics().enabled()) {
                metrics = MetricsServer.start(parts.config.metrics(), parts.counters, parts.log);
            }
            parts.sensors.start();
            // the start-up self-check's sources part: each source and its state, in the log as a CONFIG event
            parts.log.newEventWriter().write(dev.dexd.controller.log.EventType.CONFIG, 0, 0,
                "sensor sources: " + String.join("; ", parts.sensors.describe()));
        } catch (Throwable e) { // a port in use: nothing has moved yet, so the start is refused whole
            closed = true;
            if (console != null) {
                console.close();
            }
            if (liveView != null) {
                liveView.close(0);
            }
            parts.abandon();
            throw e;
        }
        dev.dexd.common.startup.StartupTrace.mark("console, live view, metrics listening");
        retention.apply(); // at start on this thread, then hourly on the health thread
        parts.preload.await(); // done by now (the console's warm-up waited for it): nothing runs beside the loop
        if (sensorsRunner != null) {
            AgentRunner.startOnThread(sensorsRunner);
        }
        dev.dexd.common.startup.StartupTrace.mark("console, live view, metrics started; control thread starting");
        control.start();
        AgentRunner.startOnThread(healthRunner);
    }

    /** A thread that ended by failing, for the watchdog: the pings stop. Null while all live. */
    private String deadThread() {
        if (control.failure() != null) {
            return "control";
        }
        Thread s = sensorsRunner != null ? sensorsRunner.thread() : null;
        if (s != null && s != AgentRunner.TOMBSTONE && !s.isAlive() && !closed) {
            return "sensors";
        }
        return null;
    }

    private final dev.dexd.common.sensing.CubeState cubeStateRead = new dev.dexd.common.sensing.CubeState();

    /** The cube's state as the control step last read it; one caller thread (the console's worker). */
    CubeStateReading cubeState() {
        DexdConfig.Input in = parts.config.sensors().cubeState();
        if (in.isNone()) {
            return CubeStateReading.none();
        }
        parts.sensors.latestCubeState(cubeStateRead);
        if (!cubeStateRead.present()) {
            return new CubeStateReading(in.source(), null, 0, in.staleNanos());
        }
        long age = parts.clock == ClockMode.LOCKSTEP ? 0 : cubeStateRead.ageNanos(System.nanoTime());
        return new CubeStateReading(in.source(), cubeStateRead.faceletString(), age, in.staleNanos());
    }

    /** The Giiker source when an input reads the cube, else null. */
    GiikerSource giiker() {
        for (dev.dexd.common.sensing.SensorSource s : parts.sensors.sources()) {
            if (s instanceof GiikerSource g) {
                return g;
            }
        }
        return null;
    }

    /** One short phrase per source for status lines, e.g. "udp running, giiker connected 85%". */
    public String sourcesStatus() {
        java.util.StringJoiner j = new java.util.StringJoiner(", ");
        for (dev.dexd.common.sensing.SensorSource s : parts.sensors.sources()) {
            j.add(s.name() + " " + s.status());
        }
        return j.toString();
    }

    /** The port {@code /metrics} is served on, or -1 when metrics are off (or not started). */
    public int metricsPort() {
        MetricsServer m = metrics;
        return m == null ? -1 : m.port();
    }

    /** The live view, or null when the config does not enable it. */
    public LiveView liveView() {
        return liveView;
    }

    /**
     * For {@code dexd bench}: the control step as a body for a paced loop that someone else runs on one
     * thread, with the sensors and logger threads started here. Do not also {@link #start()}. A failing
     * step is handled as in the daemon's own loop (hold, latch, count, one event).
     */
    public TickBody tickBody() {
        parts.sensors.start();
        if (sensorsRunner != null) {
            AgentRunner.startOnThread(sensorsRunner);
        }
        parts.counters.state(DaemonState.RUNNING);
        ControlStep c = parts.control;
        ControlStep.Tick tick = new ControlStep.Tick();
        return step -> {
            tick.step = benchSteps; // the caller's loop may restart its count; the log's steps stay in order
            tick.nowNanos = System.nanoTime();
            tick.wallDeadlineNanos = tick.nowNanos;
            try {
                c.tick(tick);
            } catch (Throwable t) {
                c.onTickFailure(t, tick.step, tick.nowNanos);
            }
            parts.counters.heartbeat();
            benchSteps = benchSteps + 1;
        };
    }

    /** Waits for the control loop to finish (duration reached, stop requested or shutdown command). */
    public void awaitStop(long millis) throws InterruptedException {
        control.join(millis);
    }

    public boolean isRunning() {
        return control.isRunning();
    }

    /** Steps run so far. */
    public long stepsRun() {
        return parts.agent.stepsRun() + benchSteps;
    }

    /**
     * Bytes dexd's code allocated on the control thread per step, after a warm-up of
     * {@value #ALLOCATION_WARMUP_STEPS} steps, ORT's own arrays excluded; NaN before enough steps ran.
     * Read once the loop has stopped.
     */
    public double allocatedBytesPerStep() {
        return parts.agent.allocatedBytesPerStep();
    }

    /** Steps over which {@link #allocatedBytesPerStep()} was measured. */
    public long allocationMeasuredSteps() {
        return parts.agent.allocationMeasuredSteps();
    }

    /**
     * A failure of the control thread outside a tick (its start-up, its wait), or null. A failing tick
     * is not one: it latches the e-stop and the loop goes on (counted as control step failures).
     */
    public Throwable failure() {
        return control.failure();
    }

    /** Stops every thread and closes the hand, the log (drained) and the counters, in that order. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        notifier.stopping("stopping at step " + parts.agent.stepsRun());
        healthRunner.close(); // before the counters it reads are unmapped
        if (metrics != null) {
            metrics.close(); // likewise
        }
        ShutdownPath.close(console, control, sensorsRunner, parts);
        if (liveView != null) {
            liveView.close(1_000); // after the log's close: its clients see the run to the end
        }
    }

    /** For printing startup information. */
    public void printStartup(PrintStream out) {
        for (String line : startupLines) {
            out.println(line);
        }
    }
}
