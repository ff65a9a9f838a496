package dev.dexd.cli;

import dev.dexd.policy.model.DemoPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dexd policy make-demo}: writes the untrained demo LSTM policy and its manifest. */
@Command(name = "make-demo", mixinStandardHelpOptions = true,
    description = "Write demo-lstm.onnx and its manifest demo-lstm.yaml: an untrained recurrent policy with the "
        + "54-input Rubik's cube layout, weights drawn from the seed.")
final class PolicyMakeDemo implements Callable<Integer> {
    @Option(names = "--hidden", defaultValue = "256", description = "LSTM hidden size (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = ".", description = "Folder to write into (default: the current one).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (hidden < 1 || hidden > DemoPolicy.MAX_HIDDEN) {
            throw new UserError("--hidden must be between 1 and " + DemoPolicy.MAX_HIDDEN + ", got " + hidden);
        }
        DemoPolicy.generate(hidden, seed).write(out);
        System.out.println("wrote " + out.resolve("demo-lstm.onnx") + " and " + out.resolve("demo-lstm.yaml")
            + " (hidden " + hidden + ", seed " + seed + ")");
        return Dexd.OK;
    }
}
