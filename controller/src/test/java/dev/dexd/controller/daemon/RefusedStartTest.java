package dev.dexd.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.model.DemoPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start refused after the run directory was made leaves no run directory behind. */
class RefusedStartTest {
    static SimRig rig;

    @BeforeAll
    static void rig(@TempDir Path dir) {
        rig = new SimRig(dir);
    }

    private static List<Path> runs(Path logs) throws IOException {
        if (!Files.exists(logs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(logs)) {
            return s.toList();
        }
    }

    @Test
    void aCountersDirectoryThatCannotBeMadeLeavesNoRunDirectory() throws IOException {
        Path blocker = Files.writeString(rig.dir.resolve("not-a-directory"), "x");
        Path config = rig.config("bad-counters");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)^counters:\\n  dir: .*$",
            "counters:\n  dir: " + blocker.resolve("counters")));
        Path logs = rig.dir.resolve("logs-bad-counters");
        RuntimeException e = assertThrows(RuntimeException.class, () -> Daemon.configure(
            new Daemon.Options(config, 1, true, null, null, logs)));
        assertTrue(e.getMessage().contains("counters"), e.getMessage());
        assertTrue(Files.isDirectory(logs), "the log folder itself was there before the run directory");
        assertEquals(List.of(), runs(logs), "no run directory left");
    }

    @Test
    void aModelThatCannotBeLoadedLeavesNoRunDirectory() throws IOException {
        Path bad = Files.createDirectories(rig.dir.resolve("bad-policy"));
        Files.write(bad.resolve(DemoPolicy.MODEL_FILE), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Path manifest = Files.writeString(bad.resolve(DemoPolicy.MANIFEST_FILE), Files.readString(rig.manifest));
        Path config = rig.config("bad-model", "manifest: " + manifest, null, null, null, null);
        Path logs = rig.dir.resolve("logs-bad-model");
        RuntimeException e = assertThrows(RuntimeException.class, () -> Daemon.configure(
            new Daemon.Options(config, 1, true, null, null, logs)));
        assertTrue(String.valueOf(e.getMessage()).contains(DemoPolicy.MODEL_FILE), e.toString());
        assertEquals(List.of(), runs(logs), "no run directory left");
    }

    @Test
    void aConsolePortInUseLeavesNoRunDirectory() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = rig.config("port-taken");
            Files.writeString(config, Files.readString(config) + "console:\n  bind: 127.0.0.1\n  port: "
                + taken.getLocalPort() + "\n");
            Path logs = rig.dir.resolve("logs-port-taken");
            Daemon d = Daemon.configure(new Daemon.Options(config, 1, true, null, null, logs));
            assertEquals(1, runs(logs).size(), "configured: the run directory exists");
            try {
                assertThrows(Exception.class, d::start); // its wording is the console's business
            } finally {
                d.close();
            }
            assertEquals(List.of(), runs(logs), "the refused start removed it");
        }
    }
}
