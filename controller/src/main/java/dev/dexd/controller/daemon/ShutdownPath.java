package dev.dexd.controller.daemon;

import dev.dexd.controller.console.ConsoleServer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.agrona.concurrent.AgentRunner;

/**
 * The stop path, in the one order that is safe: the console first (it reads the counters and writes
 * events), then the control thread (it holds the hand on its way out), the sensors thread, and last
 * the hand, the policy, the log (drained, trailer written) and the counters (unmapped: nothing may
 * write them after). And the way out of a refused start: close what was opened and remove the run
 * directory, so that a start that never ran leaves nothing behind.
 */
final class ShutdownPath {
    private ShutdownPath() {
    }

    /** Stops the threads and closes the parts (any argument may be null: not started). */
    static void close(ConsoleServer console, ControlRunner control, AgentRunner sensors, DaemonAssembly parts) {
        if (console != null) {
            console.close();
        }
        if (control != null) {
            control.stop();
        }
        if (sensors != null) {
            sensors.close();
        }
        if (parts.cameraSender != null) {
            parts.cameraSender.close(); // its thread (the sensors thread) has stopped
        }
        // in reverse: the sensor sources first (the control thread that read them has stopped)
        closeAll(List.of(parts.hand, parts.policy, parts.log, parts.counters, parts.sensors));
    }

    /** A start refused after things were opened: closes them (in reverse) and removes the run directory, if made. */
    static void abandon(List<? extends AutoCloseable> opened, Path runDirectory) {
        closeAll(opened);
        if (runDirectory != null) {
            removeTree(runDirectory);
        }
    }

    /** Closes in reverse order; a failure to close is not worth more than the failure being reported. */
    static void closeAll(List<? extends AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // closing on the way out: the first failure is what matters and was reported
            }
        }
    }

    /** Deletes a directory made by this run, with what is in it; quietly best-effort. */
    static void removeTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("dexd: could not remove the run directory " + dir + " of the refused start: "
                + e.getMessage());
        }
    }
}
