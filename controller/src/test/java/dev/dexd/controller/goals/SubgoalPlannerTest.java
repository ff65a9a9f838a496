package dev.dexd.controller.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubgoalPlannerTest {
    static final String BENCHMARK = "L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2";

    static void assertSubgoal(final Subgoal s, final SubgoalKind kind, final Face face, final Turn turn,
        final String move, final int moveIndex) {
        assertEquals(kind, s.kind());
        assertEquals(face, s.face());
        assertEquals(turn, s.turn());
        assertEquals(move, String.valueOf(s.move()));
        assertEquals(moveIndex, s.moveIndex());
    }

    @Test
    void benchmarkScrambleWithUOnTop() {
        final SubgoalPlan p = SubgoalPlanner.plan(BENCHMARK, Face.U);
        assertEquals(26, p.rotations());
        assertEquals(18, p.flips());
        assertEquals(44, p.size());
        assertEquals(Face.U, p.topAtStart());
        assertEquals(Face.L, p.topAtEnd());
        assertSubgoal(p.get(0), SubgoalKind.FLIP, Face.L, null, "L2", 0);
        assertSubgoal(p.get(1), SubgoalKind.ROTATION, Face.L, Turn.CW, "L2", 0);
        assertSubgoal(p.get(2), SubgoalKind.ROTATION, Face.L, Turn.CW, "L2", 0);
        assertSubgoal(p.get(3), SubgoalKind.FLIP, Face.U, null, "U2", 1);
        assertSubgoal(p.get(4), SubgoalKind.ROTATION, Face.U, Turn.CW, "U2", 1);
        assertSubgoal(p.get(5), SubgoalKind.ROTATION, Face.U, Turn.CW, "U2", 1);
        assertSubgoal(p.get(6), SubgoalKind.FLIP, Face.R, null, "R2", 2);
        assertSubgoal(p.get(9), SubgoalKind.FLIP, Face.B, null, "B", 3);
        assertSubgoal(p.get(10), SubgoalKind.ROTATION, Face.B, Turn.CW, "B", 3);
    }

    @Test
    void benchmarkScrambleWithLOnTopMatchesThePaper() {
        final SubgoalPlan p = SubgoalPlanner.plan(BENCHMARK, Face.L);
        assertEquals(26, p.rotations());
        assertEquals(17, p.flips());
        assertEquals(43, p.size());
        assertSubgoal(p.get(0), SubgoalKind.ROTATION, Face.L, Turn.CW, "L2", 0);
        assertSubgoal(p.get(1), SubgoalKind.ROTATION, Face.L, Turn.CW, "L2", 0);
        assertSubgoal(p.get(2), SubgoalKind.FLIP, Face.U, null, "U2", 1);
        // F' is the 9th move: a flip to F, then one counter-clockwise rotation
        int fPrime = -1;
        for (int i = 0; i < p.size(); i++) {
            if (p.get(i).moveIndex() == 8 && p.get(i).kind() == SubgoalKind.ROTATION) {
                fPrime = i;
            }
        }
        assertSubgoal(p.get(fPrime - 1), SubgoalKind.FLIP, Face.F, null, "F'", 8);
        assertSubgoal(p.get(fPrime), SubgoalKind.ROTATION, Face.F, Turn.CCW, "F'", 8);
    }

    @Test
    void defaultTopIsU() {
        assertEquals(18, SubgoalPlanner.plan(BENCHMARK, null).flips());
    }

    @Test
    void halfTurnIsTwoClockwiseRotationsAndRepeatedFaceNeedsNoFlip() {
        final SubgoalPlan p = SubgoalPlanner.plan("R2 R' U", Face.U);
        assertEquals(6, p.size());
        assertSubgoal(p.get(0), SubgoalKind.FLIP, Face.R, null, "R2", 0);
        assertSubgoal(p.get(1), SubgoalKind.ROTATION, Face.R, Turn.CW, "R2", 0);
        assertSubgoal(p.get(2), SubgoalKind.ROTATION, Face.R, Turn.CW, "R2", 0);
        assertSubgoal(p.get(3), SubgoalKind.ROTATION, Face.R, Turn.CCW, "R'", 1);
        assertSubgoal(p.get(4), SubgoalKind.FLIP, Face.U, null, "U", 2);
        assertSubgoal(p.get(5), SubgoalKind.ROTATION, Face.U, Turn.CW, "U", 2);
        assertEquals(Face.U, p.topAtEnd());
    }

    @Test
    void oppositeFaceIsOneFlip() {
        final SubgoalPlan p = SubgoalPlanner.plan("D", Face.U);
        assertEquals(1, p.flips());
        assertEquals(1, p.rotations());
    }

    @Test
    void tableShowsRowsAndSummary() {
        final String table = SubgoalPlanner.plan(BENCHMARK, Face.U).toTable();
        final String[] lines = table.split("\n");
        assertEquals("   #  kind      face  turn  from", lines[0]);
        assertEquals("   1  flip      L     -     L2 (move 1)", lines[1]);
        assertEquals("   2  rotation  L     cw    L2 (move 1)", lines[2]);
        assertEquals("   4  flip      U     -     U2 (move 2)", lines[4]);
        assertEquals("  44  rotation  L     cw    L2 (move 18)", lines[44]);
        assertEquals("44 subgoals: 18 flips, 26 rotations for 18 moves, U on top at the start", lines[45]);
    }

    @Test
    void explicitSubgoals() {
        final SubgoalPlan flip = SubgoalPlanner.flip(Face.B);
        assertEquals(1, flip.flips());
        assertEquals(Face.B, flip.topAtEnd());
        assertNull(flip.topAtStart());
        final SubgoalPlan rot = SubgoalPlanner.rotate(Turn.CCW);
        assertEquals(1, rot.rotations());
        assertNull(rot.get(0).face());
        assertNull(rot.topAtEnd());
        assertTrue(rot.toTable().contains("   1  rotation  top   ccw   explicit"));
        assertEquals("rotate top ccw", rot.get(0).toString());
        assertEquals("flip B up", flip.get(0).toString());
    }
}
