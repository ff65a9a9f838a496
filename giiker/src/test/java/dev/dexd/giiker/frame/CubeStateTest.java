package dev.dexd.giiker.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cube model: face turns on the facelet string, and the cubie checks. */
class CubeStateTest {
    @Test
    void eachTurnMovesTheRightStickers() {
        // each face turned clockwise once from solved, written out by hand from a real cube
        assertEquals("UUUUUUUUUBBBRRRRRRRRRFFFFFFDDDDDDDDDFFFLLLLLLLLLBBBBBB", new CubeState().turn(Face.U, 1).facelets());
        assertEquals("UUFUUFUUFRRRRRRRRRFFDFFDFFDDDBDDBDDBLLLLLLLLLUBBUBBUBB", new CubeState().turn(Face.R, 1).facelets());
        assertEquals("UUUUUULLLURRURRURRFFFFFFFFFRRRDDDDDDLLDLLDLLDBBBBBBBBB", new CubeState().turn(Face.F, 1).facelets());
        assertEquals("UUUUUUUUURRRRRRFFFFFFFFFLLLDDDDDDDDDLLLLLLBBBBBBBBBRRR", new CubeState().turn(Face.D, 1).facelets());
        assertEquals("BUUBUUBUURRRRRRRRRUFFUFFUFFFDDFDDFDDLLLLLLLLLBBDBBDBBD", new CubeState().turn(Face.L, 1).facelets());
        assertEquals("RRRUUUUUURRDRRDRRDFFFFFFFFFDDDDDDLLLULLULLULLBBBBBBBBB", new CubeState().turn(Face.B, 1).facelets());
    }

    @Test
    void fourQuarterTurnsAndSixSexyMovesAreTheIdentity() {
        for (final Face f : Face.values()) {
            final CubeState c = new CubeState();
            c.turn(f, 1);
            assertFalse(c.isSolved(), f.name());
            c.turn(f, 1).turn(f, 2);
            assertTrue(c.isSolved(), f.name());
            assertTrue(new CubeState().turn(f, 3).turn(f, -3).isSolved(), f.name());
        }
        final CubeState c = new CubeState();
        for (int i = 0; i < 6; i++) {
            c.turn(Face.R, 1).turn(Face.U, 1).turn(Face.R, -1).turn(Face.U, -1);
            assertEquals(i == 5, c.isSolved(), "after " + (i + 1) + " times R U R' U'");
        }
    }

    @Test
    void turnedCubesPassTheChecksAndSurviveFacelets() {
        final SplittableRandom random = new SplittableRandom(7);
        final LastMoves moves = new LastMoves();
        for (int i = 0; i < 500; i++) {
            final CubeState cube = RandomCubes.byMoves(random, 1 + random.nextInt(40), moves);
            assertNull(cube.check(), cube.toString());
            final CubeState back = new CubeState();
            assertTrue(back.readFacelets(cube.facelets()), cube.facelets());
            assertTrue(back.sameAs(cube), cube.facelets());
        }
    }

    @Test
    void checksNameEachBrokenInvariant() {
        assertEquals(FrameRejection.CORNER_TWIST_SUM, new CubeState().corner(0, 0, 1).check());
        assertEquals(FrameRejection.EDGE_FLIP_SUM, new CubeState().edge(3, 3, 1).check());
        assertEquals(FrameRejection.PARITY, new CubeState().edge(0, 1, 0).edge(1, 0, 0).check());
        assertEquals(FrameRejection.CORNER_PIECES, new CubeState().corner(0, 1, 0).check());
        assertEquals(FrameRejection.EDGE_PIECES, new CubeState().edge(11, 12, 0).check());
        assertEquals(FrameRejection.CORNER_TWIST, new CubeState().corner(2, 2, 3).check());
        assertEquals(FrameRejection.EDGE_FLIP, new CubeState().edge(2, 2, 2).check());
        assertFalse(new CubeState().readFacelets("UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBU"));
    }
}
