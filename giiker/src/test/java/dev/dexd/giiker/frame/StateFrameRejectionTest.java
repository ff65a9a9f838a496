package dev.dexd.giiker.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every kind of invalid state frame is dropped with its reason and counted, plain and obfuscated; none throws. */
class StateFrameRejectionTest {
    private final FrameCounters counters = new FrameCounters();
    private final StateFrameDecoder decoder = new StateFrameDecoder(counters);
    private final DecodedState out = new DecodedState();

    @Test
    void eachBrokenPlainFrameNamesItsReason() {
        final String solved = StateFrameDecoderTest.SOLVED_PLAIN;
        rejects(FrameRejection.LENGTH, solved.substring(2));
        rejects(FrameRejection.LENGTH, solved + "00");
        rejects(FrameRejection.LENGTH, "");
        rejects(FrameRejection.CORNER_PIECES, "0234567833333333123456789abc000041414141");   // piece 0
        rejects(FrameRejection.CORNER_PIECES, "9234567833333333123456789abc000041414141");   // piece 9
        rejects(FrameRejection.CORNER_PIECES, "2234567833333333123456789abc000041414141");   // piece 2 twice
        rejects(FrameRejection.CORNER_TWIST, "1234567803333333123456789abc000041414141");    // orientation 0
        rejects(FrameRejection.CORNER_TWIST, "1234567833334333123456789abc000041414141");    // orientation 4
        rejects(FrameRejection.CORNER_TWIST_SUM, "1234567813333333123456789abc000041414141"); // one corner twisted
        rejects(FrameRejection.EDGE_PIECES, "12345678333333330234567890bc000041414141");     // pieces 0 and 10 missing
        rejects(FrameRejection.EDGE_PIECES, "1234567833333333123456789abd000041414141");     // piece 13
        rejects(FrameRejection.EDGE_PIECES, "1234567833333333123456789abb000041414141");     // piece 11 twice
        rejects(FrameRejection.EDGE_FLIP_SUM, "1234567833333333123456789abc800041414141");   // edge 0 flipped
        rejects(FrameRejection.PARITY, "2134567833333333123456789abc000041414141");          // two corners swapped
        rejects(FrameRejection.PARITY, "1234567833333333213456789abc000041414141");          // two edges swapped
        assertEquals(15, counters.rejectedTotal(), counters.toString());
        assertEquals(3, counters.rejectedCount(FrameRejection.LENGTH));
        assertEquals(0, counters.acceptedCount());
        // a valid frame after all that still decodes
        assertEquals(true, decoder.decode(Hex.bytes(solved), out));
    }

    @Test
    void brokenCubesAreRejectedThroughTheObfuscationToo() {
        final LastMoves moves = new LastMoves().add(Face.F, 2);
        final byte[] frame = new byte[StateFrame.LENGTH];
        final CubieCube[] broken = {
            new CubieCube().corner(5, 5, 2),
            new CubieCube().edge(9, 9, 1),
            new CubieCube().corner(3, 4, 0).corner(4, 3, 0),
        };
        final FrameRejection[] reasons = {FrameRejection.CORNER_TWIST_SUM, FrameRejection.EDGE_FLIP_SUM, FrameRejection.PARITY};
        for (int i = 0; i < broken.length; i++) {
            StateFrameEncoder.encodeObfuscated(broken[i], moves, i, 15 - i, frame, 0);
            assertFalse(decoder.decode(frame, out));
            assertEquals(reasons[i], out.rejection());
            assertEquals(1, counters.rejectedCount(reasons[i]));
        }
    }

    @Test
    void randomBytesNeverThrowAndEveryFrameIsCounted() {
        final SplittableRandom random = new SplittableRandom(3);
        final byte[] frame = new byte[StateFrame.LENGTH];
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(frame);
            if (i % 2 == 0) {
                frame[18] = (byte) StateFrame.OBFUSCATED_MARKER;
            }
            valid += decoder.decode(frame, out) ? 1 : 0;
        }
        assertEquals(20_000, counters.receivedCount());
        assertEquals(counters.receivedCount(), counters.acceptedCount() + counters.rejectedTotal());
        assertEquals(valid, counters.acceptedCount());
    }

    private void rejects(final FrameRejection reason, final String hex) {
        assertFalse(decoder.decode(Hex.bytes(hex), out), hex);
        assertEquals(reason, out.rejection(), hex);
    }
}
