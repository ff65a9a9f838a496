package dev.dexd.controller.replay.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The export tests' second readers: npm's hyparquet (Parquet, LeRobot) and @mcap/core (MCAP), run by
 * Node from the cache scripts/npm-export-readers.sh fills (installed on first use). Skips the test,
 * saying why, only when npm or node is missing.
 */
final class NodeReaders {
    private static final Path SCRIPT = Path.of("..", "scripts", "npm-export-readers.sh").toAbsolutePath().normalize();
    private static Path cache;

    private NodeReaders() {
    }

    /** {@code node read-export.mjs kind path rows} as JSON. */
    static JsonNode read(String kind, Path path, String rows) throws Exception {
        Path dir = cache();
        Result r = run(List.of("node", dir.resolve("read-export.mjs").toString(), kind, path.toString(), rows), 120);
        if (r.exit != 0) {
            throw new AssertionError("the " + kind + " reader failed on " + path + " (exit " + r.exit + "): " + r.err);
        }
        return new ObjectMapper().readTree(r.out);
    }

    private static synchronized Path cache() throws Exception {
        if (cache == null) {
            Result node = run(List.of("sh", "-c", "command -v node && command -v npm"), 30);
            Assumptions.assumeTrue(node.exit == 0, "npm or node is missing (apt-get install -y nodejs npm): the export"
                + " files cannot be read by a second reader here");
            Result r = run(List.of("bash", SCRIPT.toString()), 300);
            Assumptions.assumeTrue(r.exit != 3, "npm is missing: " + r.err);
            if (r.exit != 0) {
                throw new AssertionError(SCRIPT + " failed (exit " + r.exit + "): " + r.err);
            }
            cache = Path.of(r.out.strip());
        }
        return cache;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[][] out = new byte[2][];
        Thread errReader = new Thread(() -> {
            try {
                out[1] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                out[1] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        errReader.start();
        out[0] = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + seconds + " s");
        }
        errReader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8), new String(out[1], StandardCharsets.UTF_8));
    }
}
