package dev.dexd.giiker.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Face-angle frame v1: the documented example, a round trip, every invalid kind, the sequence rules. */
class FaceAngleFrameTest {
    /** The example in docs/giiker.md: sequence 258, U 0, R +90, F -45.5, D 180, L -0.01, B 12.34 degrees, calibrated, 87 %. */
    static final String EXAMPLE = "d5010201000028233aee5046ffffd204015700e9";

    private final FrameCounters counters = new FrameCounters();
    private final FaceAngleDecoder decoder = new FaceAngleDecoder(counters);
    private final DecodedAngles out = new DecodedAngles();

    @Test
    void crcIsSmbusCrc8() {
        assertEquals(0xF4, FaceAngleFrame.crc8("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 9));
    }

    @Test
    void documentedExampleDecodes() {
        final byte[] frame = new byte[FaceAngleFrame.LENGTH];
        FaceAngleFrame.encode(258, FaceAngleFrame.STATUS_CALIBRATED, 87, new int[] {0, 9000, -4550, 18000, -1, 1234}, frame, 0);
        assertEquals(EXAMPLE, Hex.of(frame));
        assertTrue(decoder.decode(Hex.bytes(EXAMPLE), out), String.valueOf(decoder.rejection()));
        assertEquals(258, out.sequence());
        assertEquals(0.0, out.degrees(0));
        assertEquals(90.0, out.degrees(1));
        assertEquals(Math.PI / 2, out.radians(Face.R), 1e-12);
        assertEquals(-45.5, out.degrees(2));
        assertEquals(180.0, out.degrees(3));
        assertEquals(-0.01, out.degrees(4));
        assertEquals(12.34, out.degrees(5));
        assertTrue(out.calibrated());
        assertEquals(87, out.battery());
    }

    @Test
    void randomAnglesRoundTrip() {
        final SplittableRandom random = new SplittableRandom(9);
        final byte[] frame = new byte[FaceAngleFrame.LENGTH];
        final double[] degrees = new double[6];
        for (int seq = 0; seq < 70_000; seq++) {
            for (int i = 0; i < 6; i++) {
                degrees[i] = random.nextDouble(-720, 720);
            }
            FaceAngleFrame.encodeDegrees(seq & 0xFFFF, 0, FaceAngleFrame.BATTERY_UNKNOWN, degrees, frame, 0);
            assertTrue(decoder.decode(frame, out), seq + " " + decoder.rejection());
            for (int i = 0; i < 6; i++) {
                final double back = out.degrees(i);
                final double diff = Math.IEEEremainder(back - degrees[i], 360);
                assertTrue(Math.abs(diff) <= 0.005 + 1e-9, degrees[i] + " came back as " + back);
                assertTrue(back >= -180 && back <= 180);
            }
        }
        // the sequence wrapped past 65535 -> 0 and was accepted throughout
        assertEquals(70_000, counters.acceptedCount());
    }

    @Test
    void eachBrokenFrameNamesItsReasonAndLeavesTheAnglesAlone() {
        final byte[] good = Hex.bytes(EXAMPLE);
        assertTrue(decoder.decode(good, out));
        decoder.reset();
        rejects(FrameRejection.LENGTH, java.util.Arrays.copyOf(good, 19));
        rejects(FrameRejection.LENGTH, java.util.Arrays.copyOf(good, 21));
        rejects(FrameRejection.MAGIC, with(good, 0, 0xD4, false));
        rejects(FrameRejection.VERSION, with(good, 1, 2, true));
        rejects(FrameRejection.CHECKSUM, with(good, 6, 0x29, false));
        rejects(FrameRejection.SENSOR_FAULT, with(good, 16, FaceAngleFrame.STATUS_SENSOR_FAULT | 1, true));
        // U angle 18001 (0x4651)
        final byte[] wide = with(with(good, 4, 0x51, false), 5, 0x46, true);
        rejects(FrameRejection.ANGLE_RANGE, wide);
        assertEquals(7, counters.rejectedTotal(), counters.toString());
        assertEquals(90.0, out.degrees(1), "a rejected frame changes nothing");
    }

    @Test
    void repeatedAndOldSequenceNumbersAreDropped() {
        final byte[] frame = new byte[FaceAngleFrame.LENGTH];
        final int[] angles = new int[6];
        assertTrue(send(65_530, frame, angles));
        assertFalse(send(65_530, frame, angles));    // repeat
        assertFalse(send(65_000, frame, angles));    // old
        assertTrue(send(3, frame, angles));          // wrapped: newer
        assertFalse(send(65_535, frame, angles));    // older than 3
        assertTrue(send(3 + 0x7FFF, frame, angles)); // the furthest ahead still newer
        assertEquals(3, counters.rejectedCount(FrameRejection.SEQUENCE));
        decoder.reset();                             // reconnect: a restarted cube counts from 0
        assertTrue(send(0, frame, angles));
    }

    private boolean send(final int seq, final byte[] frame, final int[] angles) {
        FaceAngleFrame.encode(seq, FaceAngleFrame.STATUS_CALIBRATED, 50, angles, frame, 0);
        return decoder.decode(frame, out);
    }

    private void rejects(final FrameRejection reason, final byte[] frame) {
        assertFalse(decoder.decode(frame, out), Hex.of(frame));
        assertEquals(reason, decoder.rejection(), Hex.of(frame));
    }

    /** A copy with byte i set to v, the CRC recomputed when asked (so the check under test is the one that fails). */
    private static byte[] with(final byte[] frame, final int i, final int v, final boolean fixCrc) {
        final byte[] b = frame.clone();
        b[i] = (byte) v;
        if (fixCrc) {
            b[19] = (byte) FaceAngleFrame.crc8(b, 0, 19);
        }
        return b;
    }
}
