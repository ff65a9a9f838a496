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
        "Input: N numeric columns per row in manifest order; lines starting with # are skipped; an optional"
            + " header names each column's manifest feature (cube_pos or cube_pos_0, ...). No rows is an error."})
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
        Path tmp = partFile(out);
        Progress progress = new Progress("rollout", "steps");
        long steps;
        try (PolicyRunner runner = PolicyRunner.open(ManifestLoader.load(manifest));
             BufferedReader in = open(obs);
             Writer w = new BufferedWriter(create(tmp), 1 << 16)) {
            steps = new Rollout(runner).run(in, obs.toString(), w, resetEvery, progress::update);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            Files.deleteIfExists(tmp);
            throw new UserError("cannot write --out " + out + ": " + e.getMessage() + " (choose another path)");
        }
        progress.done();
        System.out.println("rolled out " + steps + " steps" + (resetEvery > 0 ? " (state reset every " + resetEvery + ")" : "")
            + " -> " + out);
        return Dexd.OK;
    }

    /** Where the rows go until the rollout succeeds, after checking that {@code out} can be written. */
    private static Path partFile(Path out) {
        if (Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a directory: give a file name, e.g. --out " + out.resolve("rollout.csv"));
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || out.getFileName() == null) {
            throw new UserError("--out " + out + " is not a file name: give one, e.g. --out rollout.csv");
        }
        if (!Files.isDirectory(parent)) {
            throw new UserError("--out " + out + ": the folder " + parent + (Files.exists(parent) ? " is not a folder"
                : " does not exist") + ": create it (mkdir -p " + parent + ") or write elsewhere");
        }
        return out.resolveSibling(out.getFileName() + ".part");
    }

    private static Writer create(Path tmp) {
        try {
            return Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new UserError("cannot write " + tmp + " (for --out): " + e + " (choose another path for --out)");
        }
    }

    private static BufferedReader open(Path p) throws java.io.IOException {
        if (Files.isDirectory(p)) {
            throw new UserError("--obs " + p + " is a directory: give the observation CSV file");
        }
        try {
            return Files.newBufferedReader(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("observation file not found: " + p);
        }
    }
}
