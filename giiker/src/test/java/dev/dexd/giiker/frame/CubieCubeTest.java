package dev.dexd.giiker.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cube model: face turns on the facelet string, and the cubie checks. */
class CubieCubeTest {
    @Test
    void eachTurnMovesTheRightStickers() {
        // each face turned clockwise once from solved, written out by hand from a real cube
        assertEquals("UUUUUUUUUBBBRRRRRRRRRFFFFFFDDDDDDDDDFFFLLLLLLLLLBBBBBB", new CubieCube().turn(Face.U, 1).facelets());
        assertEquals("UUFUUFUUFRRRRRRRRRFFDFFDFFDDDBDDBDDBLLLLLLLLLUBBUBBUBB", new CubieCube().turn(Face.R, 1).facelets());
        assertEquals("UUUUUULLLURRURRURRFFFFFFFFFRRRDDDDDDLLDLLDLLDBBBBBBBBB", new CubieCube().turn(Face.F, 1).facelets());
        assertEquals("UUUUUUUUURRRRRRFFFFFFFFFLLLDDDDDDDDDLLLLLLBBBBBBBBBRRR", new CubieCube().turn(Face.D, 1).facelets());
        assertEquals("BUUBUUBUURRRRRRRRRUFFUFFUFFFDDFDDFDDLLLLLLLLLBBDBBDBBD", new CubieCube().turn(Face.L, 1).facelets());
        assertEquals("RRRUUUUUURRDRRDRRDFFFFFFFFFDDDDDDLLLULLULLULLBBBBBBBBB", new CubieCube().turn(Face.B, 1).facelets());
    }

    @Test
    void fourQuarterTurnsAndSixSexyMovesAreTheIdentity() {
        for (final Face f : Face.values()) {
            final CubieCube c = new CubieCube();
            c.turn(f, 1);
            assertFalse(c.isSolved(), f.name());
            c.turn(f, 1).turn(f, 2);
            assertTrue(c.isSolved(), f.name());
            assertTrue(new CubieCube().turn(f, 3).turn(f, -3).isSolved(), f.name());
        }
        final CubieCube c = new CubieCube();
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
            final CubieCube cube = RandomCubes.byMoves(random, 1 + random.nextInt(40), moves);
            assertNull(cube.check(), cube.toString());
            final CubieCube back = new CubieCube();
            assertTrue(back.readFacelets(cube.facelets()), cube.facelets());
            assertTrue(back.sameAs(cube), cube.facelets());
        }
    }

    @Test
    void checksNameEachBrokenInvariant() {
        assertEquals(FrameRejection.CORNER_TWIST_SUM, new CubieCube().corner(0, 0, 1).check());
        assertEquals(FrameRejection.EDGE_FLIP_SUM, new CubieCube().edge(3, 3, 1).check());
        assertEquals(FrameRejection.PARITY, new CubieCube().edge(0, 1, 0).edge(1, 0, 0).check());
        assertEquals(FrameRejection.CORNER_PIECES, new CubieCube().corner(0, 1, 0).check());
        assertEquals(FrameRejection.EDGE_PIECES, new CubieCube().edge(11, 12, 0).check());
        assertEquals(FrameRejection.CORNER_TWIST, new CubieCube().corner(2, 2, 3).check());
        assertEquals(FrameRejection.EDGE_FLIP, new CubieCube().edge(2, 2, 2).check());
        assertFalse(new CubieCube().readFacelets("UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBU"));
    }
}
