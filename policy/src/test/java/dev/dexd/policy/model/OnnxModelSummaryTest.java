package dev.dexd.policy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.PolicyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelSummaryTest {
    @TempDir
    Path dir;

    @Test
    void readsBackWhatTheDemoGeneratorWrites() {
        int h = 48;
        int d = 40;
        DemoPolicy policy = DemoPolicy.generate(h, d, 11);
        policy.write(dir);
        OnnxModelSummary summary = OnnxModelSummary.read(dir.resolve(DemoPolicy.MODEL_FILE));

        assertEquals(8, summary.irVersion());
        assertEquals(Map.of("", 17L), summary.opsetImports());
        assertEquals(17, summary.defaultOpset());
        assertEquals("dexd", summary.producerName());
        assertEquals("", summary.producerVersion());
        assertSignature(summary.inputs(), "obs", new long[] {1, 54}, "h_in", new long[] {1, 1, h},
            "c_in", new long[] {1, 1, h});
        assertSignature(summary.outputs(), "logits", new long[] {1, 20, 11}, "h_out", new long[] {1, 1, h},
            "c_out", new long[] {1, 1, h});
        long expected = 54L * d + d + 4L * h * d + 4L * h * h + 8L * h + 220L * h + 220;
        assertEquals(expected, summary.parameterCount());
        assertEquals(policy.parameterCount(), summary.parameterCount());
        assertEquals(7, summary.nodeCount());
        assertEquals("obs: float[1,54]", summary.inputs().get(0).toString());
    }

    @Test
    void readsBackTheTorchStyleModel() {
        int h = 32;
        OnnxModelSummary summary = OnnxModelSummary.read(TorchStylePolicy.generate(h, 1).modelBytes(), "torch");
        assertEquals("torch-style", summary.producerVersion());
        assertSignature(summary.inputs(), "input", new long[] {1, 54}, "h0", new long[] {1, 1, h},
            "c0", new long[] {1, 1, h});
        assertSignature(summary.outputs(), "output", new long[] {1, 20, 11}, "hn", new long[] {1, 1, h},
            "cn", new long[] {1, 1, h});
        assertEquals(4L * h * 54 + 4L * h * h + 8L * h + 220L * h + 220, summary.parameterCount());
        assertEquals(12, summary.nodeCount());
    }

    /** A model as another tool might write it: unknown fields everywhere, symbolic dims, packed dims, IR 3 inputs. */
    @Test
    void readsForeignModelsSkippingWhatItDoesNotKnow() {
        ProtoWriter batchDim = new ProtoWriter().stringField(OnnxFields.DIM_PARAM, "batch").stringField(3, "DATA_BATCH");
        ProtoWriter openDim = new ProtoWriter();
        ProtoWriter shape = new ProtoWriter()
            .messageField(1, batchDim)
            .messageField(1, new ProtoWriter().varintField(OnnxFields.DIM_VALUE, 54))
            .messageField(1, openDim);
        ProtoWriter tensorType = new ProtoWriter().varintField(1, OnnxDataType.FLOAT).messageField(2, shape);
        ProtoWriter obs = new ProtoWriter()
            .stringField(3, "a doc string")
            .stringField(1, "obs")
            .messageField(2, new ProtoWriter().messageField(1, tensorType).stringField(6, "IMAGE"));
        ProtoWriter sequenceInput = new ProtoWriter().stringField(1, "seq")
            .messageField(2, new ProtoWriter().messageField(4, new ProtoWriter()));
        ProtoWriter noShape = new ProtoWriter().stringField(1, "y")
            .messageField(2, new ProtoWriter().messageField(1, new ProtoWriter().varintField(1, OnnxDataType.INT64)));

        ProtoWriter packedDims = new ProtoWriter().varint(3).varint(200);
        ProtoWriter weight = new ProtoWriter()
            .stringField(OnnxFields.TENSOR_NAME, "w")
            .messageField(OnnxFields.TENSOR_DIMS, packedDims)
            .varintField(OnnxFields.TENSOR_DATA_TYPE, OnnxDataType.FLOAT)
            .fixed32Field(99, 123)
            .messageField(13, new ProtoWriter().stringField(1, "location").stringField(2, "w.bin"));
        ProtoWriter half = new ProtoWriter().varintField(1, 10).varintField(2, 10).stringField(8, "half");
        ProtoWriter ints = new ProtoWriter().varintField(1, 1000).varintField(2, OnnxDataType.INT64).stringField(8, "ix");
        ProtoWriter constant = new ProtoWriter()
            .stringField(OnnxFields.NODE_OUTPUT, "k")
            .stringField(OnnxFields.NODE_OP_TYPE, "Constant")
            .messageField(OnnxFields.NODE_ATTRIBUTE, new ProtoWriter()
                .stringField(1, "value")
                .varintField(20, 4)
                .messageField(5, new ProtoWriter().varintField(1, 2).varintField(1, 3).varintField(2, 1)))
            .stringField(6, "node doc");
        ProtoWriter customConstant = new ProtoWriter()
            .messageField(OnnxFields.NODE_ATTRIBUTE, new ProtoWriter()
                .messageField(5, new ProtoWriter().varintField(1, 1000).varintField(2, 1)))
            .stringField(OnnxFields.NODE_OP_TYPE, "Constant")
            .stringField(OnnxFields.NODE_DOMAIN, "com.example");

        ProtoWriter graph = new ProtoWriter()
            .messageField(OnnxFields.GRAPH_NODE, constant)
            .messageField(OnnxFields.GRAPH_NODE, customConstant)
            .stringField(OnnxFields.GRAPH_NAME, "g")
            .messageField(OnnxFields.GRAPH_INITIALIZER, weight)
            .messageField(OnnxFields.GRAPH_INITIALIZER, half)
            .messageField(OnnxFields.GRAPH_INITIALIZER, ints)
            .stringField(10, "graph doc")
            .messageField(OnnxFields.GRAPH_INPUT, obs)
            .messageField(OnnxFields.GRAPH_INPUT, new ProtoWriter().stringField(1, "w"))
            .messageField(OnnxFields.GRAPH_INPUT, sequenceInput)
            .messageField(OnnxFields.GRAPH_OUTPUT, noShape)
            .messageField(13, noShape)
            .messageField(15, new ProtoWriter().varintField(3, 5));
        byte[] model = new ProtoWriter()
            .messageField(OnnxFields.MODEL_OPSET_IMPORT, new ProtoWriter().varintField(2, 13))
            .messageField(OnnxFields.MODEL_OPSET_IMPORT, new ProtoWriter().stringField(1, "com.microsoft").varintField(2, 1))
            .stringField(OnnxFields.MODEL_PRODUCER_NAME, "pytorch")
            .stringField(OnnxFields.MODEL_PRODUCER_VERSION, "2.1.0")
            .fixed64Field(77, -1L)
            .varintField(OnnxFields.MODEL_IR_VERSION, 7)
            .varintField(5, 42)
            .stringField(6, "model doc")
            .messageField(OnnxFields.MODEL_GRAPH, graph)
            .messageField(14, new ProtoWriter().stringField(1, "k").stringField(2, "v"))
            .fixed32Field(1000, 7)
            .toByteArray();

        OnnxModelSummary summary = OnnxModelSummary.read(model, "foreign.onnx");
        assertEquals(7, summary.irVersion());
        assertEquals("pytorch", summary.producerName());
        assertEquals("2.1.0", summary.producerVersion());
        assertEquals(Map.of("", 13L, "com.microsoft", 1L), summary.opsetImports());
        assertEquals(2, summary.nodeCount());
        // float w [3, 200] + float16 half [10] + Constant float [2, 3]; not int64, not the custom-domain Constant.
        assertEquals(600 + 10 + 6, summary.parameterCount());

        List<OnnxValueInfo> inputs = summary.inputs();
        assertEquals(2, inputs.size(), "the initializer listed as an input is left out: " + inputs);
        assertEquals(List.of("batch", "54", "?"), inputs.get(0).dims());
        assertArrayEquals(new long[] {-1, 54, -1}, inputs.get(0).shape());
        assertEquals("obs: float[batch,54,?]", inputs.get(0).toString());
        assertFalse(inputs.get(1).isTensor());
        OnnxValueInfo y = summary.outputs().get(0);
        assertEquals(OnnxDataType.INT64, y.elemType());
        assertFalse(y.hasShape());
        assertEquals("y: int64[unknown shape]", y.toString());
    }

    @Test
    void garbageIsNotAnOnnxModel() throws IOException {
        byte[] random = new byte[4096];
        new SplittableRandom(3).nextBytes(random);
        assertNotOnnx(random);
        assertNotOnnx("model: demo-lstm.onnx\nperiod_ms: 80\n".getBytes(StandardCharsets.UTF_8));
        assertNotOnnx(new byte[0]);
        assertNotOnnx(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        for (long seed = 0; seed < 200; seed++) {
            byte[] noise = new byte[1 + (int) seed * 7];
            new SplittableRandom(seed).nextBytes(noise);
            assertNotOnnx(noise);
        }
    }

    @Test
    void everyTruncationOfAModelIsRejected() throws IOException {
        byte[] model = DemoPolicy.generate(1, 1, 9).modelBytes();
        OnnxModelSummary.read(model, "whole");
        for (int length = 0; length < model.length; length++) {
            byte[] prefix = Arrays.copyOf(model, length);
            PolicyException e = assertThrows(PolicyException.class, () -> OnnxModelSummary.read(prefix, "cut.onnx"),
                "prefix of " + length + " bytes");
            assertTrue(e.getMessage().startsWith("not an ONNX model: cut.onnx: "), e.getMessage());
        }
        Path file = dir.resolve("truncated.onnx");
        Files.write(file, Arrays.copyOf(DemoPolicy.generate(16, 1).modelBytes(), 5000));
        PolicyException e = assertThrows(PolicyException.class, () -> OnnxModelSummary.read(file));
        assertTrue(e.getMessage().startsWith("not an ONNX model: " + file + ": length "), e.getMessage());
        assertTrue(e.getMessage().contains("runs past the end"), e.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        Path missing = dir.resolve("nope.onnx");
        PolicyException e = assertThrows(PolicyException.class, () -> OnnxModelSummary.read(missing));
        assertEquals("model not found: " + missing, e.getMessage());
    }

    private void assertNotOnnx(byte[] content) throws IOException {
        Path file = dir.resolve("garbage.onnx");
        Files.write(file, content);
        PolicyException e = assertThrows(PolicyException.class, () -> OnnxModelSummary.read(file),
            "content of " + content.length + " bytes");
        String prefix = "not an ONNX model: " + file + ": ";
        assertTrue(e.getMessage().startsWith(prefix) && e.getMessage().length() > prefix.length(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void assertSignature(List<OnnxValueInfo> values, Object... namesAndShapes) {
        assertEquals(namesAndShapes.length / 2, values.size(), values.toString());
        for (int i = 0; i < values.size(); i++) {
            OnnxValueInfo value = values.get(i);
            assertEquals(namesAndShapes[2 * i], value.name());
            assertEquals(OnnxDataType.FLOAT, value.elemType());
            assertTrue(value.isTensor() && value.hasShape());
            assertArrayEquals((long[]) namesAndShapes[2 * i + 1], value.shape(), value.name());
        }
    }
}
