package dev.dexd.cli;

import dev.dexd.controller.counters.DaemonCounters;
import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.systemd.JournalOutput;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code dexd run}: the daemon. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the controller: read the sensors, run the policy, drive the hand and log every step, at a "
        + "fixed rate, until the duration is over or SIGTERM/SIGINT (both stop cleanly: hand holds, log closed, exit 0).",
        "Ends with a summary of the run computed from its log. Exit " + Dexd.LOG_INCOMPLETE + " when the run ended "
            + "normally but log records were lost (e.g. the log's disk filled up): the loop ran on, and the summary and "
            + "stderr say how many."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "F", description = "Configuration (default: configs/sim.yaml).")
    Path config;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "0",
        description = "Stop after S seconds (simulated seconds with --lockstep). 0: run until stopped "
            + "(with --lockstep: until the episode ends).")
    double duration;

    @Option(names = "--lockstep", description = "Advance the simulation exactly one period per tick, no wall clock: "
        + "deterministic, as fast as the CPU allows.")
    boolean lockstep;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the simulated world (default: sim.seed).")
    Long seed;

    @Option(names = "--goals", paramLabel = "MOVES", description = "Goal sequence in cube notation, e.g. \"R U R' U'\" "
        + "(default: goals.sequence).")
    String goals;

    @Option(names = "--log", paramLabel = "DIR", description = "Where to create the run's log directory (default: log.dir).")
    Path logDir;

    @Override
    public Integer call() throws Exception {
        if (duration < 0) {
            throw new UserError("--duration must be 0 (until stopped) or a positive number of seconds, got " + duration);
        }
        Path file = config != null ? config : dev.dexd.controller.config.ConfigLoader.defaultFile();
        // for the journal (or a pipe): a priority prefix per line and no redraws; on a terminal neither
        try (JournalOutput output = JournalOutput.install(JournalOutput.forJournal(System.getenv(),
            System.console() != null))) {
            return run(file, !output.journal());
        }
    }

    private int run(Path file, boolean terminal) throws Exception {
        // handled from the first moment: a stop during the seconds of start-up (model, simulation) is a
        // clean stop once the daemon exists, not the JVM's default exit 143
        AtomicBoolean stopRequested = new AtomicBoolean();
        AtomicReference<Daemon> configured = new AtomicReference<>();
        SignalHandler stop = s -> {
            stopRequested.set(true);
            Daemon d = configured.get();
            if (d != null) {
                d.requestStop();
            }
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        dev.dexd.common.startup.StartupTrace.mark("run: configuring");
        Daemon daemon = Daemon.configure(new Daemon.Options(file, duration, lockstep ? Boolean.TRUE : null, seed, goals, logDir));
        configured.set(daemon);
        if (stopRequested.get()) {
            daemon.requestStop();
        }
        Path logDirectory = daemon.logDirectory();
        Throwable failure;
        try {
            System.out.println("dexd: configured from " + file.toAbsolutePath().normalize());
            daemon.printStartup(System.out);
            daemon.start();
            new StatusLine(daemon, terminal).runUntilStopped();
            failure = daemon.failure();
        } finally {
            daemon.close();
        }
        if (failure != null) {
            throw failure instanceof Exception e ? e : new RuntimeException(failure);
        }
        if (terminal) {
            System.out.println();
        }
        RunSummary summary = RunSummary.compute(logDirectory, n -> { }, true);
        System.out.print(summary.toText());
        long lost = daemon.lostLogRecords();
        if (lost == 0 && summary.damage() == null) {
            return Dexd.OK;
        }
        // the trailer may be missing (a full disk): this process's own count is the authority
        System.err.println("dexd: the log is incomplete: " + lost + " records lost (" + daemon.lostLogSteps()
            + " steps) of this run" + (summary.lostRecords() == null ? ", and its trailer could not be written" : "")
            + "; see the log line above (exit " + Dexd.LOG_INCOMPLETE + ")");
        return Dexd.LOG_INCOMPLETE;
    }

    /** The live status line: redrawn in place on a terminal, a plain line (one journal entry) every 5 s otherwise. */
    static final class StatusLine {
        private final Daemon daemon;
        private final boolean tty;
        private boolean printedCheck;

        StatusLine(Daemon daemon, boolean terminal) {
            this.daemon = daemon;
            this.tty = terminal;
        }

        void runUntilStopped() throws InterruptedException {
            long lastPlain = System.nanoTime();
            while (daemon.isRunning()) {
                daemon.awaitStop(tty ? 500 : 250);
                if (!printedCheck && daemon.selfCheckLines() != null) {
                    printedCheck = true;
                    for (String line : daemon.selfCheckLines()) {
                        System.out.println("self-check: " + line);
                    }
                }
                if (tty) {
                    System.out.print("\r" + text() + "\033[K");
                    System.out.flush();
                } else if (System.nanoTime() - lastPlain > 5_000_000_000L) {
                    lastPlain = System.nanoTime();
                    System.out.println(text());
                }
            }
            if (tty) {
                System.out.print("\r" + text() + "\033[K\n");
            }
        }

        private String text() {
            DaemonCounters c = daemon.counters();
            double seconds = c.steps().get() * daemon.periodNanos() / 1e9;
            return String.format("dexd %s | step %d | %.1f s | episode %d | subgoals ok %d failed %d | held-stale %d"
                    + " | clips %d | overruns %d | worst late %.2f ms | worst inference %.2f ms | lost %d | %s%s",
                daemon.clock().name().toLowerCase(), c.steps().get(), seconds, c.episode().get(), c.subgoalsDone().get(),
                c.subgoalsFailed().get(), c.staleSensorHolds().get(), c.safetyClips().get(), c.overruns().get(),
                c.worstLatenessNs().get() / 1e6, c.worstInferenceNs().get() / 1e6, c.lostLogRecords().get(),
                daemon.sourcesStatus(), (c.logFailing().get() != 0 ? " | LOG FAILING" : "") + (c.estopLatched().get() != 0 ? " | E-STOP" : ""));
        }
    }
}
