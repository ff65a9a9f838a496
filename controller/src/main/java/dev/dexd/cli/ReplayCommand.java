package dev.dexd.cli;

import dev.dexd.controller.log.RunSummary;
import dev.dexd.controller.replay.ReplayVerifier;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.controller.log.StepLogException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dexd replay}: work with a run's step log offline. Each task is a subcommand that takes the
 * log directory: {@code stats} summarises it, {@code verify} re-runs its policy.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Work with a run's step log (a Chronicle Queue directory): summary statistics and the run's digest, bit-for-bit verification of its actions.",
    subcommands = {ReplayCommand.Stats.class, ReplayCommand.Verify.class})
final class ReplayCommand {

    /** {@code dexd replay stats LOGDIR [--json]}: the run summary, from the log alone. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Summarise a run from its log: steps, episodes, overruns, tick lateness and inference "
            + "percentiles, step cost by phase, holds and clips, subgoals, drops, lost records, and a digest of "
            + "the deterministic content (two lockstep runs with the same seed and config have the same digest)."})
    static final class Stats implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOGDIR", description = "The run's log directory.")
        Path logDir;

        @Option(names = "--json", description = "Print one JSON object instead of the text summary.")
        boolean json;

        @Override
        public Integer call() {
            Progress progress = new Progress("reading " + logDir, "records");
            RunSummary summary;
            try {
                summary = RunSummary.compute(logDir, progress::update);
            } catch (StepLogException e) {
                throw new UserError(e.getMessage(), e);
            } finally {
                progress.done();
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
        @Parameters(index = "0", paramLabel = "LOGDIR", description = "The run's log directory.")
        Path logDir;

        @Option(names = "--manifest", required = true, paramLabel = "M", description = "The policy's manifest.")
        Path manifest;

        @Override
        public Integer call() throws Exception {
            Progress progress = new Progress("verifying " + logDir, "steps");
            ReplayVerifier.Result r;
            try {
                r = ReplayVerifier.verify(logDir, ManifestLoader.load(manifest), progress::update);
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
}
