package dev.dexd.policy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.dexd.policy.onnx.PolicyRunner;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads a model that another tool wrote (the onnx Python package; see
 * src/test/resources/onnx-fixture/README.md), so that a wrong field number in our parser cannot
 * cancel out against the same mistake in our writer. Every expected value here comes from the
 * generating script, make_rnn_cell.py.
 */
class OnnxForeignModelTest {
    static final int OBS = 6;
    static final int HID = 4;
    static final int OUT = 3;

    static byte[] model() throws IOException {
        try (InputStream in = OnnxForeignModelTest.class.getResourceAsStream("/onnx-fixture/rnn_cell.onnx")) {
            assertNotNull(in, "the fixture is on the test class path");
            return in.readAllBytes();
        }
    }

    @Test
    void theSummaryReadsWhatTheOnnxPackageWrote() throws IOException {
        OnnxModelSummary s = OnnxModelSummary.read(model(), "rnn_cell.onnx");
        assertEquals(7, s.irVersion());
        assertEquals("onnx-python-helper", s.producerName());
        assertEquals("1.12.0", s.producerVersion());
        Map<String, Long> opsets = new LinkedHashMap<>();
        opsets.put("", 13L);
        opsets.put("ai.onnx.ml", 2L);
        assertEquals(opsets, s.opsetImports());
        assertEquals(13, s.defaultOpset());
        assertEquals(List.of("obs: float[batch,6]", "h_in: float[batch,4]"),
            s.inputs().stream().map(OnnxValueInfo::toString).toList());
        assertEquals(List.of("logits: float[batch,1,3]", "h_out: float[batch,4]"),
            s.outputs().stream().map(OnnxValueInfo::toString).toList());
        assertEquals(List.of("batch", "1", "3"), s.outputs().get(0).dims());
        assertEquals(OnnxDataType.FLOAT, s.inputs().get(0).elemType());
        Map<String, Long> initializers = new LinkedHashMap<>();
        initializers.put("W_x", 24L);
        initializers.put("W_h", 16L);
        initializers.put("b", 4L);
        initializers.put("W_o", 12L);
        initializers.put("b_o", 3L);
        initializers.put("logits_shape", 3L);
        assertEquals(initializers, s.initializerElements());
        assertEquals(24 + 16 + 4 + 12 + 3, s.parameterCount(), "the int64 shape is not a weight");
        assertEquals(8, s.nodeCount());
    }

    /** ONNX Runtime runs it, through dexd's session options, and computes what the script's formulas say. */
    @Test
    void onnxRuntimeRunsItAndAgreesWithTheFormulas() throws IOException, OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] obs = {0.5f, -1f, 0.25f, 2f, 0f, -0.75f};
        float[] h = {0.1f, -0.2f, 0.3f, 0f};
        float[] expectedH = new float[HID];
        for (int j = 0; j < HID; j++) {
            double sum = 0.01 * j;
            for (int i = 0; i < OBS; i++) {
                sum += obs[i] * (0.1 * (i + 1) - 0.05 * j);
            }
            for (int i = 0; i < HID; i++) {
                sum += h[i] * (-0.2 * (i + 1) + 0.1 * j + 0.3);
            }
            expectedH[j] = (float) Math.tanh(sum);
        }
        float[] bias = {1f, -1f, 0.5f};
        float[] expectedLogits = new float[OUT];
        for (int j = 0; j < OUT; j++) {
            double sum = bias[j];
            for (int i = 0; i < HID; i++) {
                sum += expectedH[i] * (0.5 * (i + 1) - 0.25 * j - 0.1);
            }
            expectedLogits[j] = (float) sum;
        }
        try (OrtSession session = PolicyRunner.openSession(model(), "rnn_cell.onnx");
             OnnxTensor o = OnnxTensor.createTensor(env, new float[][] {obs});
             OnnxTensor hi = OnnxTensor.createTensor(env, new float[][] {h});
             OrtSession.Result r = session.run(Map.of("obs", o, "h_in", hi))) {
            float[][][] logits = (float[][][]) r.get("logits").orElseThrow().getValue();
            float[][] hOut = (float[][]) r.get("h_out").orElseThrow().getValue();
            assertArrayEquals(expectedH, hOut[0], 1e-5f);
            assertArrayEquals(expectedLogits, logits[0][0], 1e-5f);
        }
    }
}
