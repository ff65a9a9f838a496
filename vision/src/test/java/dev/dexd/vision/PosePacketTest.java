package dev.dexd.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class PosePacketTest {
    /** The example packet of docs/vision.md, byte for byte (keep the two in step). */
    static final String DOC_HEX =
        "44585053 01 01 0200 11000000 0000e4faa1328918"
            + " 9a9999999999a93f 9a9999999999a9bf 000000000000d03f"
            + " 000000000000f03f 0000000000000000 0000000000000000 0000000000000000"
            + " 6666663f cdcccc3d";

    @Test
    void theDocumentedPacketDecodesToItsFields() {
        final byte[] bytes = hex(DOC_HEX);
        assertEquals(PosePacket.LENGTH, bytes.length);
        final PoseEstimate e = new PoseEstimate();
        assertNull(new PoseDecoder().decode(new UnsafeBuffer(bytes), 0, bytes.length, e));
        assertEquals(2, e.camera);
        assertEquals(17, e.sequence);
        assertEquals(1_768_000_000_000_000_000L, e.captureNanos);
        assertEquals(0.05, e.position[0]);
        assertEquals(-0.05, e.position[1]);
        assertEquals(0.25, e.position[2]);
        assertEquals(1.0, e.quaternion[0]);
        assertEquals(0.9f, (float) e.confidence);
        assertEquals(0.1f, (float) e.topFaceAngle);
    }

    @Test
    void writeProducesTheDocumentedBytes() {
        final byte[] bytes = new byte[PosePacket.LENGTH];
        PosePacket.write(new UnsafeBuffer(bytes), 0, 2, 17, 1_768_000_000_000_000_000L, new double[] {0.05, -0.05, 0.25},
            new double[] {1, 0, 0, 0}, 0.9f, 0.1f);
        assertEquals(DOC_HEX.replace(" ", ""), toHex(bytes));
    }

    @Test
    void jsonFormDecodesAndBigSequenceNumbersWrapAsU32() {
        final PoseEstimate e = new PoseEstimate();
        final byte[] json = ("{\"camera\": 2, \"seq\": 4294967295, \"t_ns\": 1768000000000000000, \"position\": [0.05, -0.05, 0.25],"
            + " \"quaternion\": [1, 0, 0, 0], \"confidence\": 0.9, \"top_face_angle\": 0.1}").getBytes(StandardCharsets.UTF_8);
        assertNull(new PoseDecoder().decode(new UnsafeBuffer(json), 0, json.length, e));
        assertEquals(4_294_967_295L, e.sequence);
        assertEquals(0.1, e.topFaceAngle);
        final byte[] noTime = "{\"camera\": 2, \"seq\": 1, \"position\": [0, 0, 0], \"quaternion\": [1, 0, 0, 0]}"
            .getBytes(StandardCharsets.UTF_8);
        assertEquals(Rejection.JSON, new PoseDecoder().decode(new UnsafeBuffer(noTime), 0, noTime.length, e));
    }

    static byte[] hex(final String s) {
        final String h = s.replace(" ", "");
        final byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static String toHex(final byte[] b) {
        final StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
