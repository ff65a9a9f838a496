package dev.dexd.controller.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Prometheus text format read by a real parser, not ours: Debian's python3-prometheus-client
 * ({@code prometheus_client.parser.text_string_to_metric_families}) run by /usr/bin/python3
 * (scripts/ensure-deps.sh installs it). A test skips only without /usr/bin/python3.
 */
public final class PrometheusParser {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** One parsed sample: its family, the family's type, the sample name, labels as k=v,... sorted, value. */
    public record Sample(String family, String type, String name, String labels, double value) {
    }

    private static final String SCRIPT = String.join("\n",
        "import sys",
        "from prometheus_client.parser import text_string_to_metric_families",
        "for f in text_string_to_metric_families(sys.stdin.read()):",
        "    for s in f.samples:",
        "        labels = ','.join('%s=%s' % kv for kv in sorted(s.labels.items()))",
        "        print('%s\\t%s\\t%s\\t%s\\t%r' % (f.name, f.type, s.name, labels, s.value))",
        "");

    private PrometheusParser() {
    }

    public static void assumePython() {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3 to run the Prometheus parser");
    }

    /** Parses {@code text}; fails (never skips) when the parser is missing or rejects the text. */
    public static List<Sample> parse(String text, Path dir) throws IOException, InterruptedException {
        Path script = dir.resolve("parse_prometheus.py");
        Files.writeString(script, SCRIPT);
        Path in = dir.resolve("scrape.txt");
        Files.writeString(in, text);
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectInput(in.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            String e = new String(err, StandardCharsets.UTF_8);
            throw new AssertionError(e.contains("No module named 'prometheus_client'")
                ? "python3-prometheus-client is missing: run scripts/ensure-deps.sh (apt-get install -y python3-prometheus-client)"
                : "the Prometheus parser rejected the text: " + e + "\n" + text);
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            samples.add(new Sample(f[0], f[1], f[2], f[3], Double.parseDouble(f[4])));
        }
        return samples;
    }

    /** The one sample with this name and labels; fails when there is none. */
    public static Sample sample(List<Sample> samples, String name, String labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
            .orElseThrow(() -> new AssertionError("no sample " + name + "{" + labels + "} in " + samples));
    }
}
