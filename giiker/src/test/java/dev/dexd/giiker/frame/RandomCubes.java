package dev.dexd.giiker.frame;

import java.util.SplittableRandom;

/** Random reachable cubes for tests: by random face turns, and by random pieces with the invariants fixed up. */
final class RandomCubes {
    private RandomCubes() {
    }

    /** {@code n} random quarter or half turns from solved, recorded newest first in {@code moves}. */
    static CubieCube byMoves(final SplittableRandom random, final int n, final LastMoves moves) {
        final CubieCube cube = new CubieCube();
        moves.clear();
        for (int i = 0; i < n; i++) {
            final Face f = Face.of(random.nextInt(6));
            final int q = 1 + random.nextInt(3);
            cube.turn(f, q);
            moves.push(f, q);
        }
        return cube;
    }

    /** A uniformly random reachable cube: shuffled pieces, random orientations, sums and parity made right. */
    static CubieCube byPieces(final SplittableRandom random) {
        final int[] corners = shuffled(random, CubeGeometry.CORNERS);
        final int[] edges = shuffled(random, CubeGeometry.EDGES);
        if (parity(corners) != parity(edges)) {
            final int t = edges[0];
            edges[0] = edges[1];
            edges[1] = t;
        }
        final CubieCube cube = new CubieCube();
        int twist = 0;
        for (int i = 0; i < CubeGeometry.CORNERS; i++) {
            final int o = i < CubeGeometry.CORNERS - 1 ? random.nextInt(3) : (3 - twist % 3) % 3;
            twist += o;
            cube.corner(i, corners[i], o);
        }
        int flip = 0;
        for (int i = 0; i < CubeGeometry.EDGES; i++) {
            final int o = i < CubeGeometry.EDGES - 1 ? random.nextInt(2) : flip % 2;
            flip += o;
            cube.edge(i, edges[i], o);
        }
        return cube;
    }

    private static int[] shuffled(final SplittableRandom random, final int n) {
        final int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int parity(final int[] p) {
        int inversions = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = i + 1; j < p.length; j++) {
                inversions += p[i] > p[j] ? 1 : 0;
            }
        }
        return inversions & 1;
    }
}
