package dev.dexd.controller.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The log folder ({@code log.dir}) holds one directory per run. Tools accept either a run's
 * directory or that folder: {@link #resolve} picks the folder's latest run (by its header's start
 * time), {@link #runs} lists them all.
 */
public final class RunDirectories {
    /** A run directory and its header. */
    public record Run(Path directory, HeaderRecord header) {
    }

    /**
     * What {@link #resolve} chose.
     *
     * @param directory the run's log directory
     * @param fromParent true when {@code directory} was picked as the latest run of a folder
     */
    public record Choice(Path directory, boolean fromParent) {
    }

    private RunDirectories() {
    }

    /** Whether {@code dir} is a run's queue directory (holds *.cq4 files). */
    public static boolean isRun(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code dir} itself when it is a run's directory (or not a directory at all: the reader then
     * says what is wrong); the latest run when it is a folder of runs.
     */
    public static Choice resolve(Path dir) {
        if (!Files.isDirectory(dir) || isRun(dir)) {
            return new Choice(dir, false);
        }
        List<Run> runs = runs(dir);
        if (runs.isEmpty()) {
            return new Choice(dir, false);
        }
        return new Choice(runs.get(runs.size() - 1).directory(), true);
    }

    /**
     * The readable runs directly under {@code folder}, oldest first (by start time, then name).
     * Directories whose header cannot be read are left out (see {@link #candidates}).
     */
    public static List<Run> runs(Path folder) {
        List<Run> out = new ArrayList<>();
        for (Path d : candidates(folder)) {
            try (StepLogReader r = StepLogReader.open(d)) {
                out.add(new Run(d, r.header()));
            } catch (StepLogException e) {
                // not a readable run: listed by 'replay list' as such, never chosen as the latest
            }
        }
        out.sort(Comparator.comparingLong((Run r) -> r.header().startEpochMillis())
            .thenComparing(r -> r.directory().getFileName().toString()));
        return out;
    }

    /** Sub-directories of {@code folder} that hold queue files, by name. */
    public static List<Path> candidates(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(RunDirectories::isRun).sorted().toList();
        } catch (IOException e) {
            throw new StepLogException("cannot list the log folder " + folder + ": " + e.getMessage(), e);
        }
    }
}
