package dev.dexd.controller.timing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.controller.os.RealtimeConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Runs the C reference loop ({@code dexd-refloop}, built from src/main/c/refloop.c): a periodic
 * loop sleeping with clock_nanosleep on absolute deadlines, the operating system's limit for a
 * periodic loop on this machine. Its per-tick lateness comes back into an HdrHistogram, so that
 * both loops' percentiles are computed the same way.
 */
public final class ReferenceLoop {
    public static final String EXECUTABLE = "dexd-refloop";

    /** What one run of the C loop reports besides its samples. */
    public record Run(long ticks, long overruns, long skipped, boolean cpuPinned, boolean fifoGranted,
                      boolean memoryLocked, long timerSlackNs, String problems) {
    }

    private final Path executable;

    public ReferenceLoop(Path executable) {
        this.executable = executable;
    }

    /** Where the binary is looked for: $DEXD_HOME/lib/native (system property dexd.home), then the build tree. */
    public static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String home = System.getProperty("dexd.home");
        if (home != null && !home.isBlank()) {
            out.add(Path.of(home, "lib", "native", EXECUTABLE));
        }
        out.add(Path.of("controller", "target", "native", EXECUTABLE));
        out.add(Path.of("target", "native", EXECUTABLE));
        return out;
    }

    /** The first executable candidate, if any. */
    public static Optional<Path> locate() {
        return candidates().stream().filter(Files::isExecutable).findFirst();
    }

    public Path executable() {
        return executable;
    }

    /**
     * Runs the C loop for {@code seconds} at {@code rateHz} with the same thread settings as the
     * Java loop, and records each tick's lateness (ns) into {@code lateness}.
     *
     * @throws IOException if it cannot be started or fails
     */
    public Run run(double rateHz, double seconds, RealtimeConfig rt, long timerSlackNs, Histogram lateness)
        throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(),
            "--rate", String.format(Locale.ROOT, "%.6f", rateHz),
            "--seconds", String.format(Locale.ROOT, "%.6f", seconds), "--raw"));
        if (rt.cpu() >= 0) {
            cmd.addAll(List.of("--cpu", Integer.toString(rt.cpu())));
        }
        if (rt.fifoPriority() > 0) {
            cmd.addAll(List.of("--fifo", Integer.toString(rt.fifoPriority())));
        }
        if (rt.lockMemory()) {
            cmd.add("--mlock");
        }
        if (timerSlackNs > 0) {
            cmd.addAll(List.of("--slack", Long.toString(timerSlackNs)));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        String summary = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("{")) {
                    summary = line;
                } else if (!line.isBlank()) {
                    long v = Long.parseLong(line.trim());
                    lateness.recordValue(Math.max(0, Math.min(v, lateness.getHighestTrackableValue())));
                }
            }
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = p.waitFor();
        if (exit != 0 || summary == null) {
            throw new IOException(executable + " failed (exit " + exit + ")" + (err.isEmpty() ? "" : ": " + err));
        }
        JsonNode j = new ObjectMapper().readTree(summary);
        StringBuilder problems = new StringBuilder();
        for (String key : new String[] {"cpu_error", "fifo_error", "mlock_error", "slack_error"}) {
            String v = j.path(key).asText("");
            if (!v.isEmpty()) {
                problems.append(problems.length() == 0 ? "" : "; ").append(key).append(": ").append(v);
            }
        }
        return new Run(j.path("ticks").asLong(), j.path("overruns").asLong(), j.path("skipped").asLong(),
            j.path("cpu_pinned").asBoolean(), j.path("fifo_granted").asBoolean(), j.path("mlock").asBoolean(),
            j.path("timer_slack_ns").asLong(-1), problems.toString());
    }
}
