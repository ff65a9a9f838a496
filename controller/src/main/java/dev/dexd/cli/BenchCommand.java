package dev.dexd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dexd.controller.config.ConfigLoader;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.os.RealtimeConfig;
import dev.dexd.controller.os.SelfCheck;
import dev.dexd.controller.timing.FixedWorkload;
import dev.dexd.controller.timing.LoopBench;
import dev.dexd.controller.timing.ParkSpinWaiter;
import dev.dexd.controller.timing.ReferenceLoop;
import dev.dexd.controller.timing.TickBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dexd bench}: tick lateness of the Java control loop next to the C reference loop
 * (clock_nanosleep on absolute deadlines, the OS's limit), on this machine, in one run.
 *
 * <p>The Java loop runs the daemon's real control step on the simulated hand in real time (sensors
 * and logger threads running), so the figure is the daemon's, and the step's cost is broken down by
 * phase from the run's log; {@code --placeholder} times the loop alone with a fixed small workload.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure how late each tick of the Java control loop starts, next to a periodic loop written in C "
        + "(clock_nanosleep on absolute deadlines: the operating system's limit), on this machine in one run, "
        + "and print both sets of percentiles with the ratio Java p99 / C p99.",
        "The loops run in alternating bursts (--burst) so that both see the same machine conditions. "
        + "The Java loop is the daemon's control step on the simulated hand (configs/sim.yaml, the demo policy) at "
        + "the given rate; its cost per phase is printed from the run's step log."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "1000", paramLabel = "HZ", description = "Tick rate (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
        description = "Measured seconds per loop; the command takes about twice this (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--cpu", defaultValue = "-1", paramLabel = "N", description = "Pin both loops to CPU N (default: don't pin).")
    int cpu;

    @Option(names = "--fifo", defaultValue = "0", paramLabel = "PRIO",
        description = "Run both loops under SCHED_FIFO at PRIO 1-99 (default: don't).")
    int fifo;

    @Option(names = "--mlock", description = "Lock memory (mlockall) in both processes.")
    boolean mlock;

    @Option(names = "--spin-us", defaultValue = "" + ParkSpinWaiter.DEFAULT_SPIN_MARGIN_NS / 1000, paramLabel = "US",
        description = "Java loop: spin the last US microseconds before each deadline instead of parking (default ${DEFAULT-VALUE}).")
    long spinUs;

    @Option(names = "--burst", defaultValue = "1", paramLabel = "S",
        description = "Length of each alternating burst; 0 runs C then Java once each (default ${DEFAULT-VALUE}).")
    double burst;

    @Option(names = "--refloop", paramLabel = "PATH",
        description = "The C reference loop binary (default: $DEXD_HOME/lib/native/dexd-refloop, else the build tree's).")
    Path refloop;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--config", paramLabel = "F", description = "Daemon configuration (default: configs/sim.yaml).")
    Path config;

    @Option(names = "--placeholder", description = "Time the loop alone, with a fixed small workload per tick instead of "
        + "the daemon's control step.")
    boolean placeholder;

    @Override
    public Integer call() throws Exception {
        validate();
        ReferenceLoop reference = new ReferenceLoop(referenceBinary());
        RealtimeConfig rt = new RealtimeConfig(cpu, fifo, mlock);
        LoopBench.Settings settings = new LoopBench.Settings(rate, seconds, burst, rt, spinUs * 1_000);
        Daemon daemon = placeholder ? null : Daemon.configure(new Daemon.Options(
            config != null ? config : ConfigLoader.defaultFile(), 0, Boolean.FALSE, null, null, null,
            Math.round(1e9 / rate)));
        TickBody body = daemon == null ? new FixedWorkload() : daemon.tickBody();
        LoopBench bench = new LoopBench(reference, body);

        AtomicReference<LoopBench.Result> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread control = new Thread(() -> {
            try {
                result.set(bench.run(settings));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "dexd-bench-control");
        control.setDaemon(true);
        control.start();
        Progress progress = new Progress(String.format(Locale.ROOT, "bench %s Hz", hz(rate)), "ticks measured");
        while (control.isAlive()) {
            control.join(250);
            progress.update(bench.ticksDone());
        }
        progress.done();
        RunSummary steps = null;
        if (daemon != null) {
            daemon.close();
            steps = RunSummary.compute(daemon.logDirectory());
        }
        if (failure.get() != null) {
            Throwable t = failure.get();
            if (t instanceof java.io.IOException io) {
                throw new UserError("the C reference loop did not run: " + io.getMessage()
                    + " (rebuild it with `mvn -pl controller compile`, needs gcc)", io);
            }
            throw t instanceof Exception e ? e : new RuntimeException(t);
        }
        LoopBench.Result r = result.get();
        if (json) {
            ObjectNode o = toJson(r);
            if (steps != null) {
                o.set("control_step", new ObjectMapper().readTree(steps.toJson()));
            }
            System.out.println(new ObjectMapper().writeValueAsString(o));
        } else {
            printTable(r);
            if (steps != null) {
                printStepCost(steps);
            }
        }
        return Dexd.OK;
    }

    private void validate() {
        if (!(rate > 0) || rate > 100_000) {
            throw new UserError("--rate must be between 0 and 100000 Hz, got " + rate);
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw new UserError("--seconds must be positive (and at most a day), got " + seconds);
        }
        if (cpu < -1) {
            throw new UserError("--cpu must be a CPU number (0.." + (Runtime.getRuntime().availableProcessors() - 1) + "), got " + cpu);
        }
        if (fifo < 0 || fifo > 99) {
            throw new UserError("--fifo must be a priority 1-99, got " + fifo);
        }
        if (spinUs < 0 || burst < 0) {
            throw new UserError("--spin-us and --burst must not be negative");
        }
    }

    private Path referenceBinary() {
        if (refloop != null) {
            if (!Files.isExecutable(refloop)) {
                throw new UserError("no executable C reference loop at " + refloop + ": build it with "
                    + "`gcc -O2 -o dexd-refloop controller/src/main/c/refloop.c` or leave out --refloop");
            }
            return refloop;
        }
        return ReferenceLoop.locate().orElseThrow(() -> new UserError("the C reference loop is not built (looked at "
            + ReferenceLoop.candidates().stream().map(Path::toString).collect(Collectors.joining(", "))
            + "): build it with `mvn -pl controller compile` (needs gcc), or pass --refloop PATH"));
    }

    private void printTable(LoopBench.Result r) {
        SelfCheck sc = r.selfCheck();
        LoopBench.Settings s = r.settings();
        System.out.printf(Locale.ROOT, "dexd bench: %s Hz (period %.3f ms), %s s per loop in %d alternating burst%s of %.2f s%n",
            hz(s.rateHz()), s.periodNs() / 1e6, hz(s.seconds()), r.bursts(), r.bursts() == 1 ? "" : "s", r.burstSeconds());
        System.out.printf(Locale.ROOT, "machine: %d CPUs (%s), %s %s%s, JDK %s, GC %s%n", sc.cpus(), SelfCheck.cpuModel(),
            sc.kernel().sysname(), sc.kernel().release(), sc.kernel().preemptRt() ? " PREEMPT_RT" : " (not PREEMPT_RT)",
            System.getProperty("java.version"), SelfCheck.gc());
        System.out.printf(Locale.ROOT, "both loops: %s, %s, %s, timer slack %d ns%n", pinText(r), fifoText(r),
            s.realtime().lockMemory() ? (sc.memoryLocked() ? "memory locked" : "memory NOT locked") : "memory not locked",
            SelfCheck.CONTROL_TIMER_SLACK_NS);
        System.out.printf("%-30s %7s %9s %9s %9s %9s %9s  %s%n", "tick lateness (us)", "ticks", "p50", "p90", "p99",
            "p99.9", "max", "overruns (periods skipped)");
        row("C clock_nanosleep", r.c());
        row(String.format(Locale.ROOT, "Java park+spin %d us", s.spinMarginNs() / 1000), r.java());
        double ratio = r.ratioP99();
        System.out.printf(Locale.ROOT, "ratio Java p99 / C p99: %s%n", Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio));
        Histogram b = r.javaBodyNs();
        System.out.printf(Locale.ROOT, "Java tick body (%s): p50 %.1f us, p99 %.1f us, max %.1f us%n",
            placeholder ? "placeholder workload" : "the daemon's control step",
            b.getValueAtPercentile(50) / 1e3, b.getValueAtPercentile(99) / 1e3, b.getMaxValue() / 1e3);
        if (r.cSetup() != null && !r.cSetup().problems().isEmpty()) {
            System.out.println("WARNING: C loop: " + r.cSetup().problems());
        }
        for (String w : sc.warnings()) {
            System.out.println("WARNING: " + w);
        }
    }

    /** The control step's cost per phase, from the bench run's own step log. */
    private static void printStepCost(RunSummary s) {
        System.out.printf("%-30s %9s %9s %9s%n", "control step cost (us)", "p50", "p99", "max");
        s.phases().forEach((phase, p) -> System.out.printf(Locale.ROOT, "  %-28s %9.1f %9.1f %9.1f%n", phase,
            p.p50() / 1e3, p.p99() / 1e3, p.max() / 1e3));
        System.out.println("step log of the bench run: " + s.logDir());
    }

    private static void row(String name, LoopBench.Side side) {
        System.out.printf(Locale.ROOT, "%-30s %7d %9.1f %9.1f %9.1f %9.1f %9.1f  %d (%d)%n", name, side.ticks(),
            side.percentileUs(50), side.percentileUs(90), side.percentileUs(99), side.percentileUs(99.9), side.maxUs(),
            side.overruns(), side.skipped());
    }

    private static String pinText(LoopBench.Result r) {
        int c = r.settings().realtime().cpu();
        if (c < 0) {
            return "not pinned";
        }
        boolean cOk = r.cSetup() != null && r.cSetup().cpuPinned();
        return "CPU " + c + (r.selfCheck().pinned() && cOk ? " pinned" : " pinning FAILED (Java " + r.selfCheck().pinned() + ", C " + cOk + ")");
    }

    private static String fifoText(LoopBench.Result r) {
        int p = r.settings().realtime().fifoPriority();
        if (p == 0) {
            return "SCHED_OTHER";
        }
        boolean cOk = r.cSetup() != null && r.cSetup().fifoGranted();
        return "SCHED_FIFO " + p + (r.selfCheck().realtime() && cOk ? " granted" : " NOT granted (Java " + r.selfCheck().realtime() + ", C " + cOk + ")");
    }

    private static ObjectNode toJson(LoopBench.Result r) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        LoopBench.Settings s = r.settings();
        o.put("rate_hz", s.rateHz());
        o.put("period_ns", s.periodNs());
        o.put("seconds_per_loop", s.seconds());
        o.put("bursts", r.bursts());
        o.put("burst_seconds", r.burstSeconds());
        o.put("spin_margin_us", s.spinMarginNs() / 1000);
        o.set("c", side(m, r.c()));
        o.set("java", side(m, r.java()));
        double ratio = r.ratioP99();
        if (Double.isNaN(ratio)) {
            o.putNull("ratio_p99");
        } else {
            o.put("ratio_p99", ratio);
        }
        ObjectNode body = m.createObjectNode();
        body.put("p50_us", r.javaBodyNs().getValueAtPercentile(50) / 1e3);
        body.put("p99_us", r.javaBodyNs().getValueAtPercentile(99) / 1e3);
        body.put("max_us", r.javaBodyNs().getMaxValue() / 1e3);
        o.set("java_tick_body", body);
        if (r.cSetup() != null) {
            o.put("c_cpu_pinned", r.cSetup().cpuPinned());
            o.put("c_fifo_granted", r.cSetup().fifoGranted());
            o.put("c_problems", r.cSetup().problems());
        }
        o.set("self_check", m.valueToTree(r.selfCheck().toMap()));
        return o;
    }

    private static ObjectNode side(ObjectMapper m, LoopBench.Side side) {
        ObjectNode o = m.createObjectNode();
        o.put("ticks", side.ticks());
        o.put("p50_us", side.percentileUs(50));
        o.put("p90_us", side.percentileUs(90));
        o.put("p99_us", side.percentileUs(99));
        o.put("p99_9_us", side.percentileUs(99.9));
        o.put("max_us", side.maxUs());
        o.put("overruns", side.overruns());
        o.put("skipped_periods", side.skipped());
        return o;
    }

    private static String hz(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
