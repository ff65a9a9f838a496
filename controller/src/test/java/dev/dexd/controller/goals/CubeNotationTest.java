package dev.dexd.controller.goals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CubeNotationTest {
    static String error(final String text) {
        return assertThrows(NotationException.class, () -> CubeNotation.parse(text)).getMessage();
    }

    @Test
    void parsesSpacedMoves() {
        final List<Move> m = CubeNotation.parse("R U' F2 D L' B");
        assertEquals(List.of(new Move(Face.R, 1), new Move(Face.U, -1), new Move(Face.F, 2), new Move(Face.D, 1),
            new Move(Face.L, -1), new Move(Face.B, 1)), m);
    }

    @Test
    void parsesMovesWithoutSpacesAndOddSpacing() {
        assertEquals(CubeNotation.parse("R U R' U'"), CubeNotation.parse("RUR'U'"));
        assertEquals(CubeNotation.parse("R U2 F"), CubeNotation.parse("  R\tU2\n F  "));
    }

    @Test
    void acceptsHalfTurnPrimeAndTypographicApostrophe() {
        assertEquals(List.of(new Move(Face.R, 2), new Move(Face.U, -1)), CubeNotation.parse("R2' U\u2019"));
    }

    @Test
    void errorsNameTokenAndPosition() {
        assertEquals("goals: 'X' at position 7 is not a move (use U D L R F B with ' or 2)", error("RUR'U'X"));
        assertEquals("goals: 'u' at position 3 is not a move (use U D L R F B with ' or 2)", error("R u"));
        assertEquals("goals: 'x2' at position 3 is not a move (use U D L R F B with ' or 2)", error("R x2 U"));
        assertEquals("goals: ''' at position 3 is not a move (use U D L R F B with ' or 2)", error("R''"));
        assertEquals("goals: '2' at position 1 is not a move (use U D L R F B with ' or 2)", error("2R"));
        assertEquals("goals: 'M' at position 4 is not a move (use U D L R F B with ' or 2)", error("R2 M"));
    }

    @Test
    void emptyInputIsAnError() {
        assertEquals("goals: no moves given (use U D L R F B with ' or 2)", error(""));
        assertEquals("goals: no moves given (use U D L R F B with ' or 2)", error("  \t "));
    }

    @Test
    void garbageGivesAReadableOneLineMessage() {
        assertEquals("goals: '??' at position 1 is not a move (use U D L R F B with ' or 2)", error("\u0001\u0002"));
        final String long_ = error("R " + "x".repeat(1000));
        assertEquals("goals: 'xxxxxxxxxxxxxxxx...' at position 3 is not a move (use U D L R F B with ' or 2)", long_);
    }

    @Test
    void formatsAndInverts() {
        final List<Move> m = CubeNotation.parse("R U' F2");
        assertEquals("R U' F2", CubeNotation.format(m));
        assertEquals("F2 U R'", CubeNotation.format(CubeNotation.inverse(m)));
        assertEquals("", CubeNotation.format(List.of()));
    }

    @Test
    void moveRefusesBadTurns() {
        assertThrows(IllegalArgumentException.class, () -> new Move(Face.R, 3));
        assertThrows(IllegalArgumentException.class, () -> new Move(null, 1));
    }
}
