package dev.dexd.cli;

import dev.dexd.controller.goals.CubeNotation;
import dev.dexd.controller.goals.CubeState;
import dev.dexd.controller.goals.Face;
import dev.dexd.controller.solve.CubeSolver;
import dev.dexd.controller.solve.Solution;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dexd solve}: Kociemba's two-phase algorithm (min2phase) offline, with the hand's subgoal plan. */
@Command(name = "solve", mixinStandardHelpOptions = true,
    description = {"Solve a cube state offline with Kociemba's two-phase algorithm (min2phase) and print the moves"
        + " and the plan of flips and rotations the hand would do (what the console's 'solve' queues).",
        "FACELETS: 54 letters U R F D L B, the faces in the order U R F D L B, each read row by row as drawn on the"
            + " usual net (U above F; L F R B in a row; D below F); each letter names the face whose centre has that"
            + " colour. The solved cube is UUUUUUUUURRRRRRRRRFFFFFFFFFDDDDDDDDDLLLLLLLLLBBBBBBBBB."})
final class SolveCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FACELETS", arity = "0..1", description = "The cube state (54 facelets).")
    String facelets;

    @Option(names = "--scramble", paramLabel = "MOVES", description = "Solve the state these moves make from solved"
        + " instead, e.g. \"L2 U2 R2 B D2 B2 D2 L2 F' D' R B F L U' F D' L2\".")
    String scramble;

    @Option(names = "--top", paramLabel = "FACE", defaultValue = "U", description = "The face on top when the plan"
        + " starts (default: ${DEFAULT-VALUE}).")
    String top;

    @Override
    public Integer call() {
        if ((facelets == null) == (scramble == null)) {
            throw new UserError("give either FACELETS (54 letters URFDLB) or --scramble MOVES (see 'dexd solve --help')");
        }
        Face topFace = top.length() == 1 ? Face.ofLetter(top.toUpperCase(Locale.ROOT).charAt(0)) : null;
        if (topFace == null) {
            throw new UserError("--top must be one of U R F D L B, got '" + top + "'");
        }
        String state = facelets;
        if (scramble != null) {
            state = new CubeState().apply(CubeNotation.parse(scramble)).facelets();
        }
        long t0 = System.nanoTime();
        CubeSolver.init();
        long t1 = System.nanoTime();
        Solution s = new CubeSolver().solve(state);
        long t2 = System.nanoTime();
        if (!CubeState.of(s.facelets()).apply(s.moves()).isSolved()) {
            throw new IllegalStateException("the solver's moves do not solve " + s.facelets());
        }
        System.out.println("facelets: " + s.facelets());
        if (s.moves().isEmpty()) {
            System.out.println("the cube is solved already");
            return Dexd.OK;
        }
        System.out.printf(Locale.ROOT, "solution (%d moves, %.1f ms; tables %.0f ms): %s%n", s.moves().size(),
            (t2 - t1) / 1e6, (t1 - t0) / 1e6, s.movesText());
        System.out.println();
        System.out.print(s.plan(topFace).toTable());
        return Dexd.OK;
    }
}
