package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.SimRig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dexd run} never loads ND4J (about 3 s to initialise and 106 MB of native code): it is for
 * offline whole-log work only. A child JVM with this test's classpath logs every class it loads.
 */
class RunLoadsNoNd4jTest {
    @Test
    void aRunLoadsNoNd4jClass(@TempDir Path dir) throws Exception {
        Path config = new SimRig(dir).config("nd4j");
        Path classes = dir.resolve("classes.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Dchronicle.")) {
                command.add(arg);
            }
        }
        if (System.getProperty("jna.library.path") != null) { // where the build put the simulation library
            command.add("-Djna.library.path=" + System.getProperty("jna.library.path"));
        }
        command.add("-Xlog:class+load=info:file=" + classes);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Dexd.class.getName());
        command.addAll(List.of("run", "--config", config.toString(), "--lockstep", "--duration", "1"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile())
            .start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the run ended");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt")));
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.dexd.controller.daemon.ControlStep ")),
            "the class-load log covers the run");
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains("org.nd4j.")).toList());
    }
}
