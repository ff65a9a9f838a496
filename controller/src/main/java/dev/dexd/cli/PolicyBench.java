package dev.dexd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dexd.policy.PolicyStep;
import dev.dexd.policy.bench.PolicyBenchmark;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.manifest.PolicyManifest;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dexd policy bench}: what one policy step costs on this machine, against the bare ORT call. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Time (a) the bare ONNX Runtime call with pinned outputs and (b) the full policy step "
        + "(assemble, run, decode), interleaved in one run, with HdrHistogram percentiles and bytes allocated per step.",
        "The policy's own part (assemble and decode) must allocate 0 bytes; ORT's call allocates a few hundred."})
final class PolicyBench implements Callable<Integer> {
    @Option(names = "--manifest", required = true, paramLabel = "M", description = "The policy's manifest.")
    java.nio.file.Path manifest;

    @Option(names = "--steps", defaultValue = "10000", description = "Measured steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "2000", description = "Unmeasured warm-up steps (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || warmup < 0) {
            throw new UserError("--steps must be positive and --warmup not negative");
        }
        PolicyManifest m = ManifestLoader.load(manifest);
        Progress progress = new Progress("bench", "steps");
        PolicyBenchmark.Result r;
        try (PolicyStep step = PolicyStep.open(m, 0.0)) {
            r = new PolicyBenchmark(step).run(warmup, steps, progress::update);
        }
        progress.done();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode o = mapper.createObjectNode();
            o.put("manifest", manifest.toString());
            o.put("steps", r.steps());
            o.set("bare_ort_us", percentiles(mapper, r.bare()));
            o.set("full_step_us", percentiles(mapper, r.full()));
            o.put("ratio_p50", r.ratioP50());
            o.put("bare_ort_bytes_per_step", r.bareBytesPerStep());
            o.put("full_step_bytes_per_step", r.fullBytesPerStep());
            o.put("dexd_bytes_per_step", r.dexdBytesPerStep());
            System.out.println(mapper.writeValueAsString(o));
        } else {
            System.out.printf("policy %s: %d steps (after %d warm-up), JDK %s%n", manifest, r.steps(), warmup,
                System.getProperty("java.version"));
            System.out.printf("%-26s %9s %9s %9s %9s %14s%n", "", "p50 us", "p99 us", "p99.9 us", "max us", "bytes/step");
            row("(a) bare ORT call", r.bare(), r.bareBytesPerStep());
            row("(b) full step", r.full(), r.fullBytesPerStep());
            System.out.printf("%-26s %9s %9s %9s %9s %14.1f%n", "    of which dexd's code", "", "", "", "", r.dexdBytesPerStep());
            System.out.printf("ratio b/a at p50: %.3f%n", r.ratioP50());
        }
        return Dexd.OK;
    }

    private static void row(String name, Histogram h, double bytes) {
        System.out.printf("%-26s %9.1f %9.1f %9.1f %9.1f %14.1f%n", name, us(h, 50), us(h, 99), us(h, 99.9),
            h.getMaxValue() / 1e3, bytes);
    }

    private static double us(Histogram h, double p) {
        return h.getValueAtPercentile(p) / 1e3;
    }

    private static ObjectNode percentiles(ObjectMapper mapper, Histogram h) {
        ObjectNode o = mapper.createObjectNode();
        o.put("p50", us(h, 50));
        o.put("p99", us(h, 99));
        o.put("p99_9", us(h, 99.9));
        o.put("max", h.getMaxValue() / 1e3);
        return o;
    }
}
