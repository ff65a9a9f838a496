package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.SimRig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void aLockstepRunEndsWithItsSummary() {
        SimRig rig = new SimRig(dir);
        CliRunner.Run r = CliRunner.run("run", "--config", rig.config("cli").toString(), "--lockstep", "--duration", "2",
            "--goals", "R U'");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("goals: R U' -> "), r.out());
        assertTrue(r.out().contains("self-check: "), r.out());
        assertTrue(r.out().contains("self-check: sensor cube_pose: sim, running, stale after 600 ms"), r.out());
        assertTrue(r.out().contains("steps      100 (0..99)"), r.out());
        assertTrue(r.out().matches("(?s).*digest     sha256 [0-9a-f]{64}.*"), r.out());
    }

    @Test
    void configErrorsAreOneLineNamingTheKey() throws IOException {
        CliRunner.Run missing = CliRunner.run("run", "--config", dir.resolve("none.yaml").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("dexd: config not found"), missing.err());

        SimRig rig = new SimRig(dir);
        Path bad = rig.config("bad");
        Files.writeString(bad, Files.readString(bad).replace("period_ms: 20", "period_ms: fast"));
        CliRunner.Run r = CliRunner.run("run", "--config", bad.toString(), "--lockstep");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("control.period_ms: expected a whole number"), r.err());

        CliRunner.Run goals = CliRunner.run("run", "--config", rig.config("goals").toString(), "--lockstep", "--goals", "R Q");
        assertEquals(1, goals.exit());
        assertTrue(goals.err().contains("'Q' at position 3 is not a move"), goals.err());
    }

    @Test
    void aCountersDirectoryOthersMayWriteIsRefusedInOneLine() throws IOException {
        SimRig rig = new SimRig(dir);
        Path counters = Files.createDirectory(dir.resolve("counters-open"));
        Files.setPosixFilePermissions(counters, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        CliRunner.Run r = CliRunner.run("run", "--config", rig.config("open").toString(), "--lockstep", "--duration", "1");
        assertEquals(1, r.exit(), r.err());
        assertEquals("dexd: the counters directory " + counters + " is writable by every user (mode 777), who could"
            + " replace the counters file: chmod go-w " + counters + ", or set counters.dir to a directory of your own\n",
            r.err());
    }

    /** A model larger than the heap used to end the start in an OutOfMemoryError and its stack trace. */
    @Test
    void aModelLargerThanTheHeapIsRefusedInOneLine() throws IOException {
        SimRig rig = new SimRig(dir);
        Path huge = rig.manifest.resolveSibling("huge.onnx");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(Runtime.getRuntime().maxMemory() + (1L << 30)); // sparse: no disk used
        }
        Path manifest = Files.writeString(rig.manifest.resolveSibling("huge.yaml"), Files.readString(rig.manifest)
            .replace("model: demo-lstm.onnx", "model: huge.onnx"));
        CliRunner.Run r = CliRunner.run("run", "--config", rig.config("huge", "manifest: " + manifest, null, null, null,
            null).toString(), "--lockstep", "--duration", "1");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("dexd: model " + huge + " (named by 'model' in " + manifest + ") is "), r.err());
        assertTrue(r.err().contains(", more than "), r.err());
        Files.delete(huge);
    }
}
