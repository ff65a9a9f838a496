package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.CubeState;
import org.junit.jupiter.api.Test;

/** {@code dexd solve} offline, as a user runs it. */
class SolveCommandTest {
    static final String OPENAI = "L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2";

    @Test
    void printsTheMovesAndTheSubgoalPlanForFacelets() {
        String facelets = new CubeState().apply(CubeNotation.parse(OPENAI)).facelets();
        CliRunner.Run r = CliRunner.run("solve", facelets);
        assertEquals(0, r.exit(), r.err());
        String solution = r.out().lines().filter(l -> l.startsWith("solution (")).findFirst().orElseThrow();
        String moves = solution.substring(solution.indexOf("): ") + 3);
        assertTrue(CubeState.of(facelets).apply(CubeNotation.parse(moves)).isSolved(), r.out());
        assertTrue(r.out().contains("   #  kind      face  turn  from"), r.out());
        assertTrue(r.out().contains(", U on top at the start"), r.out());
    }

    @Test
    void solvesTheStateAScrambleMakesWithTheGivenFaceOnTop() {
        CliRunner.Run r = CliRunner.run("solve", "--scramble", OPENAI, "--top", "l");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("facelets: " + new CubeState().apply(CubeNotation.parse(OPENAI)).facelets()),
            r.out());
        assertTrue(r.out().contains(", L on top at the start"), r.out());
    }

    @Test
    void theSolvedCubeAndUserErrors() {
        CliRunner.Run solved = CliRunner.run("solve", CubeState.SOLVED);
        assertEquals(0, solved.exit());
        assertTrue(solved.out().contains("the cube is solved already"));
        CliRunner.Run twisted = CliRunner.run("solve", "UUUUUUUUFRRRRRRRRRFFFFFFFFUDDDDDDDDDLLLLLLLLLBBBBBBBBB");
        assertEquals(1, twisted.exit());
        assertTrue(twisted.err().startsWith("dexd: "), twisted.err());
        assertEquals(1, CliRunner.run("solve").exit(), "nothing to solve");
        assertEquals(1, CliRunner.run("solve", "--scramble", "R Q").exit(), "bad notation");
        assertEquals(1, CliRunner.run("solve", "--scramble", "R", "--top", "X").exit(), "bad top face");
        CliRunner.Run wrongCounts = CliRunner.run("solve", "UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBR");
        assertEquals("dexd: every colour must appear 9 times; here R 10, B 8\n", wrongCounts.err());
    }

    /**
     * The single sticker swaps of OpenAI's state that min2phase's own checks let through: min2phase
     * returned moves for them, which do not solve them, and this command then exited 2 as for a bug.
     */
    @Test
    void theImpossibleCubesMin2phaseAcceptedAreOneLineAndExitOne() {
        String f = new CubeState().apply(CubeNotation.parse(OPENAI)).facelets();
        cs.min2phase.Search.init();
        cs.min2phase.Search search = new cs.min2phase.Search();
        int accepted = 0;
        for (int a = 0; a < 54; a++) {
            for (int b = a + 1; b < 54; b++) {
                if (a % 9 == 4 || b % 9 == 4 || f.charAt(a) == f.charAt(b)) {
                    continue;
                }
                char[] c = f.toCharArray();
                c[a] = f.charAt(b);
                c[b] = f.charAt(a);
                String swapped = new String(c);
                if (search.solution(swapped, 21, 100_000, 0, 0).startsWith("Error")) {
                    continue; // min2phase refuses it by itself (CubeSolverTest checks all 960 against dexd's checks)
                }
                accepted++;
                CliRunner.Run r = CliRunner.run("solve", swapped);
                assertEquals(1, r.exit(), a + "<->" + b + ": " + r.err());
                assertTrue(r.err().matches("dexd: not (a real cube|solvable) \\([a-z ]+\\): [^\\n]*\n"), r.err());
                assertEquals("", r.out());
            }
        }
        assertEquals(16, accepted, "the swaps min2phase accepts");
    }
}
