package dev.dexd.policy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dexd.policy.PolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    static String refusal(Path file, String named, long limit) {
        return assertThrows(PolicyException.class, () -> ModelFiles.read(file, named, limit)).getMessage();
    }

    @Test
    void readsAFileWithinTheLimit() throws IOException {
        Path f = Files.write(dir.resolve("m.onnx"), new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, ModelFiles.read(f, "", 3));
    }

    @Test
    void aFileLargerThanTheHeapHasFreeIsRefusedBeforeItIsRead() throws IOException {
        Path f = Files.write(dir.resolve("m.onnx"), new byte[3 << 20]);
        assertEquals("model " + f + " (named by 'model' in p.yaml) is 3.0 MB, more than this JVM can read now (2.0 MB of"
            + " its " + ModelFiles.human(Runtime.getRuntime().maxMemory()) + " heap free): check that this is the model"
            + " (a policy is usually a few MB), or give dexd more heap (DEXD_JAVA_OPTS=-Xmx...)",
            refusal(f, "named by 'model' in p.yaml", 2 << 20));
    }

    @Test
    void missingDirectoryAndTooLargeForOneArray() throws IOException {
        assertEquals("model not found: " + dir.resolve("no.onnx"), refusal(dir.resolve("no.onnx"), "", 1 << 20));
        assertEquals("model " + dir + " is a directory, not an .onnx file: give the model file", refusal(dir, "", 1 << 20));
        Path f = dir.resolve("huge.onnx");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(3L << 30);
        }
        assertEquals("model " + f + " is 3.0 GB, more than one ONNX file can hold (2 GB; save the weights as external"
            + " data)", refusal(f, "", Long.MAX_VALUE));
    }
}
