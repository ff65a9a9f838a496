package dev.dexd.cli;

import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.offline.Rollout;
import dev.dexd.policy.onnx.PolicyRunner;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dexd policy rollout}: the parity check against a training framework. */
@Command(name = "rollout", mixinStandardHelpOptions = true,
    description = {"Feed raw (unnormalised) observation rows through the policy in order, with carried state, "
        + "exactly as the daemon would, and write one row per step: step, the chosen bin of each actuator, then "
        + "all logits.",
        "Input: N numeric columns per row in manifest order; an optional header line is skipped."})
final class PolicyRollout implements Callable<Integer> {
    @Option(names = "--manifest", required = true, paramLabel = "M", description = "The policy's manifest.")
    Path manifest;

    @Option(names = "--obs", required = true, paramLabel = "CSV", description = "Observation rows.")
    Path obs;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Where to write the per-step rows.")
    Path out;

    @Option(names = "--reset-every", defaultValue = "0", paramLabel = "N",
        description = "Zero the recurrent state every N steps, as at episode starts (default: never).")
    int resetEvery;

    @Override
    public Integer call() throws Exception {
        if (resetEvery < 0) {
            throw new UserError("--reset-every must be 0 (never) or a positive number of steps, got " + resetEvery);
        }
        Progress progress = new Progress("rollout", "steps");
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        long steps;
        try (PolicyRunner runner = PolicyRunner.open(ManifestLoader.load(manifest));
             BufferedReader in = open(obs);
             Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
            steps = new Rollout(runner).run(in, obs.toString(), w, resetEvery, progress::update);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        progress.done();
        System.out.println("rolled out " + steps + " steps" + (resetEvery > 0 ? " (state reset every " + resetEvery + ")" : "")
            + " -> " + out);
        return Dexd.OK;
    }

    private static BufferedReader open(Path p) throws java.io.IOException {
        try {
            return Files.newBufferedReader(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("observation file not found: " + p);
        }
    }
}
