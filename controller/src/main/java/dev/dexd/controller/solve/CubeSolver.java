package dev.dexd.controller.solve;

import cs.min2phase.Search;
import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.Move;
import java.util.List;

/**
 * Solves a cube state with Kociemba's two-phase algorithm, through min2phase (Chen Shuang's
 * implementation, as published by the WCA: {@code org.worldcubeassociation.tnoodle:scrambler-min2phase},
 * GPL-3.0). The state is 54 facelets in the URFDLB order of {@link dev.dexd.controller.goals.CubeState}.
 *
 * <p>Before the search, the facelets are checked here so that every refusal says what is wrong in
 * words: the length, a letter that is not a face, a centre out of place, the colour counts, then
 * the cube-level checks of {@link CubeValidator} (every corner and edge piece exactly once, twist,
 * flip, parity). min2phase's own checks are not enough (they let some impossible states through),
 * so nothing reaches the search that is not a solvable cube. This is the one path for
 * {@code dexd solve} and the console's {@code solve}. Solutions are at most {@value #MAX_DEPTH} moves, about
 * 19 on average, found in tens of milliseconds.
 *
 * <p>{@link #init()} builds min2phase's tables (about 1 MB, a fraction of a second) once per
 * process; call it at start-up off any time-critical thread. A solver instance is for one thread.
 */
public final class CubeSolver {
    /** Longest solution asked for; every state has one of at most 20 moves. */
    public static final int MAX_DEPTH = 21;
    private static final long PROBE_MAX = 100_000;
    /**
     * Phase-2 probes spent looking for a shorter solution once one is found: about 19.2 moves on
     * average for about 25 ms, against 20.6 moves in about 1 ms with none (each move saved is two or
     * three subgoals the hand does not have to do).
     */
    private static final long PROBE_MIN = 1_000;
    private static final String FACES = "URFDLB";

    private final Search search = new Search();

    /** Builds the solver's tables (once per process; later calls return at once). Thread-safe. */
    public static void init() {
        Search.init();
    }

    /** True once the tables are built. */
    public static boolean ready() {
        return Search.isInited();
    }

    /**
     * The moves that solve {@code facelets} (none when it is solved already).
     *
     * @throws InvalidCubeException saying why the facelets are not a solvable cube
     */
    public Solution solve(String facelets) {
        String f = check(facelets);
        init();
        String result = search.solution(f, MAX_DEPTH, PROBE_MAX, PROBE_MIN, 0);
        if (result.startsWith("Error")) {
            // 7 and 8 (no solution within the depth or probes) do not happen at depth 21 in practice; try deeper
            result = search.solution(f, 24, PROBE_MAX * 10, 0, 0);
        }
        if (result.startsWith("Error")) {
            throw new InvalidCubeException(reason(result));
        }
        List<Move> moves = result.isBlank() ? List.of() : CubeNotation.parse(result);
        return new Solution(f, moves);
    }

    /**
     * The facelets, upper-cased and without white space, when they are 54 face letters with the
     * centres in place and nine of each colour, and a solvable cube ({@link CubeValidator}).
     *
     * @throws InvalidCubeException naming the first problem
     */
    public static String check(String facelets) {
        StringBuilder sb = new StringBuilder(54);
        for (int i = 0; i < facelets.length(); i++) {
            char c = facelets.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(Character.toUpperCase(c));
            }
        }
        String f = sb.toString();
        if (f.length() != 54) {
            throw new InvalidCubeException("a cube state is 54 facelets (9 per face, faces in the order U R F D L B),"
                + " got " + f.length());
        }
        int[] count = new int[6];
        for (int i = 0; i < 54; i++) {
            int face = FACES.indexOf(f.charAt(i));
            if (face < 0) {
                throw new InvalidCubeException("facelet " + (i + 1) + " is '" + shown(f.charAt(i))
                    + "': facelets are the letters U R F D L B (the face whose centre has that colour)");
            }
            count[face]++;
        }
        for (int face = 0; face < 6; face++) {
            char centre = f.charAt(9 * face + 4);
            if (centre != FACES.charAt(face)) {
                throw new InvalidCubeException("the centre of face " + FACES.charAt(face) + " (facelet " + (9 * face + 5)
                    + ") is " + centre + ": every centre must name its own face (hold the cube with the U centre up"
                    + " and the F centre in front)");
            }
        }
        StringBuilder wrong = new StringBuilder();
        for (int face = 0; face < 6; face++) {
            if (count[face] != 9) {
                wrong.append(wrong.length() == 0 ? "" : ", ").append(FACES.charAt(face)).append(' ').append(count[face]);
            }
        }
        if (wrong.length() > 0) {
            throw new InvalidCubeException("every colour must appear 9 times; here " + wrong);
        }
        CubeValidator.validate(f);
        return f;
    }

    /** min2phase's error code in words. */
    static String reason(String error) {
        return switch (error.trim()) {
            case "Error 1" -> "there are not exactly nine facelets of each colour";
            case "Error 2" -> "not a real cube: not every one of the 12 edge pieces is there exactly once"
                + " (check the facelets of the edges)";
            case "Error 3" -> "not solvable: one edge is flipped (an edge piece was put back the wrong way round)";
            case "Error 4" -> "not a real cube: not every one of the 8 corner pieces is there exactly once"
                + " (check the facelets of the corners)";
            case "Error 5" -> "not solvable: one corner is twisted (a corner piece was put back turned)";
            case "Error 6" -> "not solvable: parity error, two corners or two edges are swapped";
            case "Error 7" -> "no solution found within " + MAX_DEPTH + " moves";
            case "Error 8" -> "no solution found within the search limit";
            default -> "the solver failed: " + error;
        };
    }

    private static String shown(char c) {
        return c < 0x20 || c >= 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
