package dev.dexd.controller.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CubeStateTest {
    static final String SCRAMBLE = "L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2";

    static String after(final String moves) {
        return new CubeState().apply(CubeNotation.parse(moves)).facelets();
    }

    @Test
    void singleTurnsFromSolved() {
        assertEquals("UUFUUFUUFRRRRRRRRRFFDFFDFFDDDBDDBDDBLLLLLLLLLUBBUBBUBB", after("R"));
        assertEquals("UUUUUUUUUBBBRRRRRRRRRFFFFFFDDDDDDDDDFFFLLLLLLLLLBBBBBB", after("U"));
        assertEquals("UUUUUULLLURRURRURRFFFFFFFFFRRRDDDDDDLLDLLDLLDBBBBBBBBB", after("F"));
    }

    @Test
    void fourQuarterTurnsAreTheIdentity() {
        final String start = after(SCRAMBLE);
        for (final Face f : Face.values()) {
            final CubeState c = CubeState.of(start);
            for (int i = 0; i < 4; i++) {
                c.apply(new Move(f, 1));
            }
            assertEquals(start, c.facelets(), "face " + f);
            assertEquals(start, CubeState.of(start).apply(new Move(f, 2)).apply(new Move(f, 2)).facelets());
            assertEquals(start, CubeState.of(start).apply(new Move(f, 1)).apply(new Move(f, -1)).facelets());
        }
    }

    @Test
    void scrambleAndInverseSolve() {
        final List<Move> scramble = CubeNotation.parse(SCRAMBLE);
        final CubeState c = new CubeState().apply(scramble);
        assertFalse(c.isSolved());
        for (int f = 0; f < Face.COUNT; f++) {
            assertEquals(Face.of(f).letter(), c.facelets().charAt(9 * f + 4), "centres never move");
        }
        c.apply(CubeNotation.inverse(scramble));
        assertTrue(c.isSolved());
        assertEquals(CubeState.SOLVED, c.facelets());
    }

    @Test
    void sexyMoveHasOrderSix() {
        final CubeState c = new CubeState();
        final List<Move> sexy = CubeNotation.parse("R U R' U'");
        for (int i = 1; i <= 6; i++) {
            c.apply(sexy);
            assertEquals(i == 6, c.isSolved(), "after " + i);
        }
    }

    @Test
    void refusesBadFacelets() {
        assertEquals("cube: facelets must be 54 letters of U R F D L B, got 53 characters",
            assertThrows(IllegalArgumentException.class, () -> CubeState.of(CubeState.SOLVED.substring(1))).getMessage());
        assertEquals("cube: facelet 1 is 'X', not one of U R F D L B",
            assertThrows(IllegalArgumentException.class, () -> CubeState.of("X" + CubeState.SOLVED.substring(1)))
                .getMessage());
    }
}
