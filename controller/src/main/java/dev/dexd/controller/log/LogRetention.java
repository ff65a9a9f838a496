package dev.dexd.controller.log;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Bounds the logs on disk ({@code log.retention}): keeps at most {@code maxRuns} run directories
 * (this one included) and at most {@code maxBytes} in them, deleting the oldest first and never the
 * current run. Only directories named as dexd names runs ({@code run-YYYYMMDD-HHMMSS-seedN[-i]}) are
 * touched; their names sort by start time. Each deletion is one LOG_DELETED event, one counter
 * increment and one info line. Run at start (caller thread) and then hourly by the health thread,
 * never by the control thread; one thread at a time (the event writer is that thread's).
 */
public final class LogRetention {
    static final Pattern RUN_NAME = Pattern.compile("run-\\d{8}-\\d{6}-seed-?\\d+(-\\d+)?");

    private final Path base;
    private final Path current;
    private final int maxRuns;
    private final long maxBytes;
    private final EventWriter events;
    private final AtomicCounter deleted;
    private final PrintStream out;
    private boolean failureReported;

    /**
     * @param maxRuns  runs kept, this one included; 0 no limit
     * @param maxBytes bytes kept in runs; 0 no limit
     */
    public LogRetention(Path current, int maxRuns, long maxBytes, EventWriter events, AtomicCounter deleted,
                        PrintStream out) {
        this.base = current.toAbsolutePath().getParent();
        this.current = current.toAbsolutePath();
        this.maxRuns = maxRuns;
        this.maxBytes = maxBytes;
        this.events = events;
        this.deleted = deleted;
        this.out = out;
    }

    public boolean enabled() {
        return maxRuns > 0 || maxBytes > 0;
    }

    /** Deletes what is over the limits; returns the directories deleted. A failure is one warning line. */
    public List<Path> apply() {
        List<Path> gone = new ArrayList<>();
        if (!enabled()) {
            return gone;
        }
        try {
            List<Path> older = new ArrayList<>();
            try (Stream<Path> s = Files.list(base)) {
                s.filter(p -> RUN_NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)
                    && !p.toAbsolutePath().equals(current)).sorted().forEach(older::add);
            }
            long[] sizes = new long[older.size()];
            long total = size(current);
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = size(older.get(i));
                total += sizes[i];
            }
            int runs = older.size() + 1;
            for (int i = 0; i < older.size(); i++) {
                boolean tooMany = maxRuns > 0 && runs > maxRuns;
                boolean tooBig = maxBytes > 0 && total > maxBytes;
                if (!tooMany && !tooBig) {
                    break;
                }
                Path run = older.get(i);
                delete(run);
                runs--;
                total -= sizes[i];
                gone.add(run);
                deleted.increment();
                String text = "log retention deleted " + run + " (" + sizes[i] / (1024 * 1024) + " MB): "
                    + (tooMany ? "more than log.retention.max_runs " + maxRuns + " runs"
                    : "runs over log.retention.max_gb (" + maxBytes / (1024 * 1024) + " MB)");
                events.write(EventType.LOG_DELETED, 0, System.nanoTime(), text);
                out.println("<6>dexd: " + text);
            }
        } catch (IOException | UncheckedIOException e) {
            if (!failureReported) {
                failureReported = true;
                out.println("<4>dexd: log retention failed in " + base + ": " + e.getMessage()
                    + " (old runs are not being deleted: check the directory's permissions)");
            }
        }
        return gone;
    }

    private static long size(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    private static void delete(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
