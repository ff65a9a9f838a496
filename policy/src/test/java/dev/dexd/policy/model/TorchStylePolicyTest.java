package dev.dexd.policy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchStylePolicyTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedSameBytesOtherSeedOtherWeights() {
        assertArrayEquals(TorchStylePolicy.generate(16, 1).modelBytes(), TorchStylePolicy.generate(16, 1).modelBytes());
        assertFalse(Arrays.equals(TorchStylePolicy.generate(16, 1).modelBytes(),
            TorchStylePolicy.generate(16, 2).modelBytes()));
    }

    @Test
    void writesAModelOrtLoadsWithExporterNames() throws IOException, OrtException {
        int h = 40;
        TorchStylePolicy policy = TorchStylePolicy.generate(h, 5);
        Path manifest = policy.write(dir);
        Path model = dir.resolve(TorchStylePolicy.MODEL_FILE);
        assertTrue(Files.exists(model));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toString(), options)) {
            assertEquals(List.of("input", "h0", "c0"), List.copyOf(session.getInputNames()));
            assertEquals(List.of("output", "hn", "cn"), List.copyOf(session.getOutputNames()));
            assertArrayEquals(new long[] {1, 54}, OrtHarness.shape(session.getInputInfo(), "input"));
            assertArrayEquals(new long[] {1, 1, h}, OrtHarness.shape(session.getInputInfo(), "h0"));
            assertArrayEquals(new long[] {1, 20, 11}, OrtHarness.shape(session.getOutputInfo(), "output"));
            assertArrayEquals(new long[] {1, 1, h}, OrtHarness.shape(session.getOutputInfo(), "cn"));
        }

        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(manifest.toFile());
        assertEquals("torch-lstm.onnx", root.get("model").asText());
        assertEquals("input", root.at("/observation/tensor").asText());
        assertTrue(root.at("/observation/normalization").isMissingNode());
        assertEquals(7, root.at("/observation/features").size());
        assertEquals("h0", root.at("/state/0/input").asText());
        assertEquals("hn", root.at("/state/0/output").asText());
        assertEquals("c0", root.at("/state/1/input").asText());
        assertEquals("cn", root.at("/state/1/output").asText());
        assertEquals("output", root.at("/action/tensor").asText());
        assertEquals("absolute", root.at("/action/mapping").asText());
        assertEquals(20, root.at("/action/actuators").size());
    }
}
