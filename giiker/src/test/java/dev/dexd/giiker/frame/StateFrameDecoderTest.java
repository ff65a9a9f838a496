package dev.dexd.giiker.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The decoder against frames captured from real cubes (the published test vectors). */
class StateFrameDecoderTest {
    static final String SOLVED = "UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB";
    static final String SOLVED_PLAIN = "1234567833333333123456789abc000041414141";
    static final String SOLVED_OBFUSCATED_1 = "a1421c1a4759e9af00213cec7026f95e0eb1a70a";
    static final String SOLVED_OBFUSCATED_2 = "706f6936b1edd1b5e00264d099a4e8a19d3ea7f1";
    static final String ONE_R_OBFUSCATED = "07a619d461211354aba5f83031b896569068a7a5";
    static final String ONE_R = "UUFUUFUUFRRRRRRRRRFFDFFDFFDDDBDDBDDBLLLLLLLLLUBBUBBUBB";

    private final FrameCounters counters = new FrameCounters();
    private final StateFrameDecoder decoder = new StateFrameDecoder(counters);
    private final DecodedState out = new DecodedState();

    @Test
    void solvedPlainFrameWithFourUTurns() {
        assertTrue(decoder.decode(Hex.bytes(SOLVED_PLAIN), out), String.valueOf(out.rejection()));
        assertFalse(out.obfuscated());
        assertEquals(SOLVED, out.cube().facelets());
        assertTrue(out.cube().isSolved());
        assertEquals("U U U U", out.moves().toString());
        assertEquals(Face.U, out.moves().face(3));
        assertEquals(1, out.moves().quarterTurns(3));
    }

    @Test
    void solvedObfuscatedFrames() {
        for (final String hex : new String[] {SOLVED_OBFUSCATED_1, SOLVED_OBFUSCATED_2}) {
            assertTrue(decoder.decode(Hex.bytes(hex), out), hex + ": " + out.rejection());
            assertTrue(out.obfuscated(), hex);
            assertEquals(SOLVED, out.cube().facelets(), hex);
            assertTrue(out.moves().count() <= LastMoves.OBFUSCATED_CAPACITY, hex);
        }
        assertEquals(2, counters.acceptedCount());
        assertEquals(0, counters.rejectedTotal());
    }

    @Test
    void oneRTurnObfuscated() {
        assertTrue(decoder.decode(Hex.bytes(ONE_R_OBFUSCATED), out), String.valueOf(out.rejection()));
        assertTrue(out.obfuscated());
        assertEquals(ONE_R, out.cube().facelets());
        assertEquals("R U'", out.moves().toString());
        assertEquals(Face.R, out.moves().face(0));
        assertEquals(3, out.moves().quarterTurns(1));
        // our cube model agrees: R on a solved cube is this state
        assertTrue(new CubieCube().turn(Face.R, 1).sameAs(out.cube()));
    }
}
