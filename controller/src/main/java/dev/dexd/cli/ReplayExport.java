package dev.dexd.cli;

import dev.dexd.controller.log.StepLogException;
import dev.dexd.controller.replay.export.ExportFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dexd replay export LOG --format F --out PATH}: the run's log in a format other tools read. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a run's log: csv (one row per step, columns named from the log's field table, a field of n"
        + " elements as name_0..name_{n-1}), parquet (the same columns, typed), lerobot (a LeRobot dataset v3.0"
        + " directory: one frame per step, one episode per dexd episode) or mcap (JSON channels for Foxglove).",
        "PATH must not exist yet (a directory for lerobot, a file otherwise)."})
final class ReplayExport implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOGDIR",
        description = "The run's log directory, or the log folder (its latest run is used).")
    Path logDir;

    @Option(names = "--format", required = true, paramLabel = "F",
        description = "csv, parquet, lerobot or mcap.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Where to write the export.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ExportFormat f = format(format);
        Path dir = ReplayCommand.runDirectory(logDir);
        if (Files.exists(out) && !(Files.isDirectory(out) && isEmpty(out) && f == ExportFormat.LEROBOT)) {
            throw new UserError("--out " + out + " already exists: pass a new path (export does not overwrite)");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserError("--out " + out + ": its folder " + parent + " does not exist; create it first");
        }
        Progress progress = new Progress("exporting " + dir + " as " + f.label(), "records");
        long steps;
        long start = System.nanoTime();
        try {
            steps = f.export(dir, out, progress::update);
        } catch (StepLogException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot write " + out + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            // DuckDB reports a file it cannot create or fill (no space, no permission) as an IO Error
            if (e.getMessage() != null && e.getMessage().contains("IO Error")) {
                throw new UserError("cannot write " + out + ": " + firstLine(e.getMessage()), e);
            }
            throw e;
        } finally {
            progress.done();
        }
        System.err.printf(Locale.ROOT, "exported %d steps of %s as %s to %s in %.1f s%n", steps, dir, f.label(), out,
            (System.nanoTime() - start) / 1e9);
        return Dexd.OK;
    }

    private static ExportFormat format(String name) {
        for (ExportFormat f : ExportFormat.values()) {
            if (f.label().equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new UserError("unknown export format '" + name + "': use --format csv, parquet, lerobot or mcap");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
