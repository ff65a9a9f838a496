package dev.dexd.controller.timing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the C reference loop from source for tests, with the flags the Maven build uses. */
public final class RefloopBuild {
    /** The source, relative to the controller module (surefire's working directory). */
    public static final Path SOURCE = Path.of("src", "main", "c", "refloop.c");

    /** What gcc said and where the binary is. */
    public record Built(Path binary, int exit, String diagnostics) {
    }

    private RefloopBuild() {
    }

    /** Compiles refloop.c into {@code dir}/dexd-refloop. */
    public static Built build(Path dir) throws IOException, InterruptedException {
        Path binary = dir.resolve(ReferenceLoop.EXECUTABLE);
        Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-Wextra", "-o", binary.toString(),
            SOURCE.toAbsolutePath().toString()).redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Built(binary, gcc.waitFor(), out.trim());
    }

    /** A binary to run: the one the Maven build made, else a fresh build into {@code dir}. */
    public static Path binary(Path dir) throws IOException, InterruptedException {
        Path built = Path.of("target", "native", ReferenceLoop.EXECUTABLE);
        if (Files.isExecutable(built)) {
            return built;
        }
        Built b = build(dir);
        if (b.exit() != 0) {
            throw new IOException("gcc failed: " + b.diagnostics());
        }
        return b.binary();
    }
}
