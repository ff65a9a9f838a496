package dev.dexd.giiker.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our encoder -> our decoder gives back the same cube and moves, over thousands of random cubes. */
class StateFrameRoundTripTest {
    private final FrameCounters counters = new FrameCounters();
    private final StateFrameDecoder decoder = new StateFrameDecoder(counters);
    private final DecodedState out = new DecodedState();
    private final byte[] frame = new byte[StateFrame.LENGTH];

    @Test
    void randomCubesRoundTripPlainAndObfuscated() {
        final SplittableRandom random = new SplittableRandom(20_191);
        final LastMoves moves = new LastMoves();
        final int n = 5000;
        for (int i = 0; i < n; i++) {
            final CubieCube cube = i % 2 == 0 ? RandomCubes.byPieces(random) : RandomCubes.byMoves(random, 1 + random.nextInt(30), moves);
            if (i % 2 == 0) {
                moves.clear().push(Face.of(random.nextInt(6)), 1 + random.nextInt(3)).push(Face.of(random.nextInt(6)), 1 + random.nextInt(3));
            }
            final String facelets = cube.facelets();

            StateFrameEncoder.encode(cube, moves, frame, 0);
            assertTrue(frame[18] != (byte) StateFrame.OBFUSCATED_MARKER, "a plain frame never looks obfuscated");
            assertTrue(decoder.decode(frame, out), Hex.of(frame) + " " + out.rejection());
            assertEquals(facelets, out.cube().facelets());
            assertTrue(out.cube().sameAs(cube));
            assertEquals(moves.toString(), out.moves().toString());

            final int k1 = random.nextInt(16);
            final int k2 = random.nextInt(16);
            StateFrameEncoder.encodeObfuscated(cube, moves, k1, k2, frame, 0);
            assertTrue(decoder.decode(frame, out), Hex.of(frame) + " " + out.rejection());
            assertTrue(out.obfuscated());
            assertEquals(facelets, out.cube().facelets());
            assertEquals(firstTwo(moves), out.moves().toString());
        }
        assertEquals(2L * n, counters.acceptedCount());
        assertEquals(0, counters.rejectedTotal(), counters.toString());
    }

    @Test
    void encoderReproducesTheCapturedFrames() {
        // the solved plain frame and the obfuscated one-R frame, byte for byte, from the cube model
        final LastMoves uuuu = new LastMoves().add(Face.U, 1).add(Face.U, 1).add(Face.U, 1).add(Face.U, 1);
        StateFrameEncoder.encode(new CubieCube(), uuuu, frame, 0);
        assertEquals(StateFrameDecoderTest.SOLVED_PLAIN, Hex.of(frame));
        final LastMoves rU = new LastMoves().add(Face.R, 1).add(Face.U, 3);
        StateFrameEncoder.encodeObfuscated(new CubieCube().turn(Face.R, 1), rU, 0xa, 0x5, frame, 0);
        assertEquals(StateFrameDecoderTest.ONE_R_OBFUSCATED, Hex.of(frame));
    }

    private static String firstTwo(final LastMoves moves) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(2, moves.count()); i++) {
            b.append(i == 0 ? "" : " ").append(moves.notation(i));
        }
        return b.toString();
    }
}
