package dev.dexd.cli;

import dev.dexd.controller.log.StepLogException;
import dev.dexd.controller.replay.DiffReport;
import dev.dexd.controller.replay.ReplayDiff;
import dev.dexd.policy.manifest.ManifestLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dexd replay diff LOGDIR --manifest NEW [--json]}: would another policy have acted as the logged one did? */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Run another policy over the run's logged observations (with its own recurrent state, reset where "
        + "the run reset) and report per actuator the bin agreement, the mean |logit difference| and the first step "
        + "where the bins differ, and the overall agreement. Exit 0 whatever the agreement: a difference is information.",
        "The policy must take the log's observation and give its action shape (same actuators, same bins)."})
final class ReplayDiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOGDIR",
        description = "The run's log directory, or the log folder (its latest run is used).")
    Path logDir;

    @Option(names = "--manifest", required = true, paramLabel = "NEW", description = "The new policy's manifest.")
    Path manifest;

    @Option(names = "--json", description = "Print one JSON object instead of the text report.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path dir = ReplayCommand.runDirectory(logDir);
        Progress progress = new Progress("diffing " + dir, "steps");
        ReplayDiff.Result r;
        try {
            r = ReplayDiff.diff(dir, ManifestLoader.load(manifest), progress::update);
        } catch (StepLogException e) {
            throw new UserError(e.getMessage(), e);
        } finally {
            progress.done();
        }
        System.out.print(json ? DiffReport.json(r) + System.lineSeparator() : DiffReport.text(r));
        return Dexd.OK;
    }
}
