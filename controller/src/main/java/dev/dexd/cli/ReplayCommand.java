package dev.dexd.cli;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.RunDirectories;
import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.log.StepLogException;
import dev.dexd.controller.replay.ReplayVerifier;
import dev.dexd.controller.replay.follow.LogFollower;
import dev.dexd.controller.replay.plot.RunPlots;
import dev.dexd.policy.manifest.ManifestLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dexd replay}: work with a run's step log offline. Each task is a subcommand that takes the
 * log directory: {@code stats} summarises it, {@code verify} re-runs its policy, {@code list} lists
 * the runs of a log folder. Given the log folder ({@code --log}, {@code log.dir}) instead of a run's
 * directory, {@code stats} and {@code verify} use its latest run and say which on stderr.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Work with a run's step log (a Chronicle Queue directory): summary statistics and the run's digest, bit-for-bit verification of its actions.",
    subcommands = {ReplayCommand.Stats.class, ReplayCommand.Verify.class, ReplayCommand.ListRuns.class,
        ReplayCommand.Follow.class, ReplayCommand.Plot.class, ReplayDiffCommand.class, ReplayExport.class})
final class ReplayCommand {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneOffset.UTC);

    /** The run's directory, or the latest run of a log folder (said on stderr). */
    static Path runDirectory(Path given) {
        RunDirectories.Choice c;
        try {
            c = RunDirectories.resolve(given);
        } catch (StepLogException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (c.fromParent()) {
            System.err.println("using the latest run in " + given + ": " + c.directory().getFileName());
        }
        return c.directory();
    }

    /** {@code dexd replay stats LOGDIR [--json]}: the run summary, from the log alone. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Summarise a run from its log: steps, episodes, overruns, tick lateness and inference "
            + "percentiles, step cost by phase, holds and clips, subgoals, drops, lost records, and a digest of "
            + "the deterministic content (two lockstep runs with the same seed and config have the same digest)."})
    static final class Stats implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGDIR",
            description = "The run's log directory, or the log folder (its latest run is used).")
        Path logDir;

        @Option(names = "--json", description = "Print one JSON object instead of the text summary.")
        boolean json;

        @Option(names = "--salvage", description = "On a damaged log, summarise the records before the first bad one"
            + " (exit 0, with a warning) instead of failing (exit 1).")
        boolean salvage;

        @Override
        public Integer call() {
            Path dir = runDirectory(logDir);
            Progress progress = new Progress("reading " + dir, "records");
            RunSummary summary;
            try {
                summary = RunSummary.compute(dir, progress::update, salvage);
            } catch (StepLogException e) {
                throw new UserError(e.getMessage() + (salvage ? "" : " (--salvage summarises the records before it)"), e);
            } finally {
                progress.done();
            }
            if (summary.damage() != null) {
                System.err.println("warning: " + summary.damage() + "; the summary covers only the records before it");
            }
            System.out.print(json ? summary.toJson() + System.lineSeparator() : summary.toText());
            return Dexd.OK;
        }
    }

    /** {@code dexd replay verify LOGDIR --manifest M}: the run's actions, recomputed offline, bit for bit. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-run the policy over the run's logged observations (with its state resets) and check that "
            + "logits, recurrent state, bins and targets equal the logged ones bit for bit. Exit 1 on any difference.",
            "The manifest must name the model the run used (its SHA-256 is in the log)."})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGDIR",
            description = "The run's log directory, or the log folder (its latest run is used).")
        Path logDir;

        @Option(names = "--manifest", required = true, paramLabel = "M", description = "The policy's manifest.")
        Path manifest;

        @Override
        public Integer call() throws Exception {
            Path dir = runDirectory(logDir);
            Progress progress = new Progress("verifying " + dir, "steps");
            ReplayVerifier.Result r;
            try {
                r = ReplayVerifier.verify(dir, ManifestLoader.load(manifest), progress::update);
            } catch (StepLogException e) {
                throw new UserError(e.getMessage(), e);
            } finally {
                progress.done();
            }
            if (r.ok()) {
                System.out.println("verified: " + r.policySteps() + " policy steps of " + r.steps()
                    + " re-run, every action identical bit for bit");
                return Dexd.OK;
            }
            System.out.println("MISMATCH: " + r.mismatches() + " of " + r.policySteps() + " policy steps differ; first: "
                + r.firstMismatch());
            return Dexd.USER_ERROR;
        }
    }

    /** {@code dexd replay list DIR}: the runs in a log folder, oldest first. */
    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the runs in a log folder (log.dir), oldest first: start time (UTC), control time, steps, "
            + "model and how the run ended: 'trailer' (closed cleanly, digest verified), 'killed' (no trailer: the "
            + "daemon was killed or crashed; every record appended before is intact) or 'damaged' (a record fails its "
            + "checks; 'dexd replay stats --salvage RUN' reads what precedes it). Reads every run in full."})
    static final class ListRuns implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "The log folder holding the run directories.")
        Path folder;

        @Override
        public Integer call() {
            if (!Files.isDirectory(folder)) {
                throw new UserError("log folder " + folder + (Files.exists(folder) ? " is not a directory" : " does not exist")
                    + ": pass the folder that holds the run-* directories (log.dir)");
            }
            var candidates = RunDirectories.candidates(folder);
            if (candidates.isEmpty()) {
                System.err.println("no runs in " + folder);
                return Dexd.OK;
            }
            System.out.printf(Locale.ROOT, "%-36s %-19s %10s %9s %-24s %s%n", "run", "start (UTC)", "duration", "steps",
                "model", "ended");
            var runs = RunDirectories.runs(folder);
            for (RunDirectories.Run run : runs) {
                System.out.println(line(run));
            }
            for (Path d : candidates) {
                if (runs.stream().noneMatch(r -> r.directory().equals(d))) {
                    System.out.printf(Locale.ROOT, "%-36s unreadable: %s%n", d.getFileName(), whyUnreadable(d));
                }
            }
            return Dexd.OK;
        }

        private static String line(RunDirectories.Run run) {
            HeaderRecord h = run.header();
            String name = run.directory().getFileName().toString();
            String start = UTC.format(Instant.ofEpochMilli(h.startEpochMillis()));
            RunSummary s;
            try {
                s = RunSummary.compute(run.directory(), n -> { }, true);
            } catch (StepLogException e) {
                return String.format(Locale.ROOT, "%-36s %-19s %10s %9s %-24s damaged", name, start, "-", "-", model(h));
            }
            String ended = s.damage() != null ? "damaged" : s.trailerDigest() != null ? "trailer" : "killed";
            return String.format(Locale.ROOT, "%-36s %-19s %9.1fs %9d %-24s %s", name, start, s.controlTimeNanos() / 1e9,
                s.steps(), model(h), ended);
        }

        private static String whyUnreadable(Path dir) {
            try (var r = dev.dexd.controller.log.StepLogReader.open(dir)) {
                return "readable now (it was being written)";
            } catch (StepLogException e) {
                return e.getMessage();
            }
        }

        /** The model file the manifest names, or the start of its hash. */
        private static String model(HeaderRecord h) {
            try {
                String m = new YAMLMapper().readTree(h.manifestYaml()).path("model").asText("");
                if (!m.isEmpty()) {
                    return Path.of(m).getFileName().toString();
                }
            } catch (Exception e) {
                // fall back to the hash
            }
            return h.modelSha256().isEmpty() ? "-" : h.modelSha256().substring(0, Math.min(12, h.modelSha256().length()));
        }
    }
    /** {@code dexd replay follow DIR}: the running daemon's log, live, until its trailer or Ctrl-C. */
    @Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Follow a run's log while the daemon writes it: a status line every N steps (step, control time,"
            + " episode, subgoal, tick lateness, inference time, flags) and every event as it comes. Ends at the run's"
            + " trailer (exit 0) or on Ctrl-C. Given the log folder, follows its latest run; given a run directory that"
            + " does not exist yet, waits for the daemon to create it."})
    static final class Follow implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR",
            description = "The run's log directory, or the log folder (its latest run is followed).")
        Path dir;

        @Option(names = "--every", paramLabel = "N", defaultValue = "1",
            description = "A status line every N steps (default ${DEFAULT-VALUE}: every step).")
        int every;

        @Override
        public Integer call() {
            if (every < 1) {
                throw new UserError("--every " + every + ": expected a number of steps >= 1");
            }
            Path run = Files.isDirectory(dir) && !RunDirectories.candidates(dir).isEmpty() ? runDirectory(dir) : dir;
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                stop.set(true);
                try {
                    main.join(2_000); // let the follower close the queue and print its last line
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "dexd-follow-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            LogFollower.Result r;
            try {
                r = new LogFollower(run, every, System.out::println).follow(stop::get);
            } catch (StepLogException e) {
                throw new UserError(e.getMessage(), e);
            }
            System.out.flush();
            if (r.trailer() == null) {
                System.err.println("stopped following after " + r.steps() + " steps and " + r.events() + " events");
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already (Ctrl-C)
            }
            return Dexd.OK;
        }
    }
    /** {@code dexd replay plot LOGDIR --out DIR}: PNG plots of the run. */
    @Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw PNG plots of a run into a folder: lateness.png (tick lateness over time and its histogram),"
            + " inference.png, targets.png (per finger: targets sent against measured positions), timeline.png (holds,"
            + " e-stops, subgoals, drops, episodes) and orientation-error.png (the cube's orientation error to the goal,"
            + " recovered from the observation as fed). Prints the files written."})
    static final class Plot implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGDIR",
            description = "The run's log directory, or the log folder (its latest run is used).")
        Path logDir;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the PNG files (created).")
        Path out;

        @Override
        public Integer call() {
            Path dir = runDirectory(logDir);
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new UserError("--out " + out + " is a file: pass a folder for the PNG files");
            }
            Progress progress = new Progress("reading " + dir, "records");
            RunPlots.Result r;
            try {
                r = RunPlots.write(dir, out, progress::update);
            } catch (StepLogException e) {
                throw new UserError(e.getMessage(), e);
            } finally {
                progress.done();
            }
            for (Path f : r.files()) {
                System.out.println(f);
            }
            for (String note : r.notes()) {
                System.err.println("note: " + note);
            }
            return Dexd.OK;
        }
    }
}
