package dev.dexd.controller.goals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parses and prints move sequences in the standard cube notation: faces {@code U D L R F B}, each
 * optionally followed by {@code '} (counter-clockwise) or {@code 2} (half turn). Moves may be
 * separated by white space or written together ({@code "RUR'U'"}). {@code 2'} is read as a half
 * turn (some solvers print it), and the typographic apostrophe {@code ’} as {@code '}, because
 * sequences get pasted from web pages. Lower-case letters (wide moves in some notations) and slice
 * or rotation moves are refused, since the hand only turns faces.
 */
public final class CubeNotation {
    private static final String HINT = " is not a move (use U D L R F B with ' or 2)";
    private static final int MAX_TOKEN_SHOWN = 16;

    private CubeNotation() {
    }

    /**
     * The moves in {@code text}.
     *
     * @throws NotationException naming the first offending token and its position (1-based, in
     *                           characters), or saying that no move was given
     */
    public static List<Move> parse(final String text) {
        final List<Move> moves = new ArrayList<>();
        final int n = text.length();
        int i = 0;
        while (i < n) {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            final Face face = Face.ofLetter(c);
            if (face == null) {
                throw new NotationException("goals: '" + token(text, i) + "' at position " + (i + 1) + HINT);
            }
            i++;
            int turns = 1;
            if (i < n && text.charAt(i) == '2') {
                turns = 2;
                i++;
                if (i < n && isPrime(text.charAt(i))) {
                    i++;
                }
            } else if (i < n && isPrime(text.charAt(i))) {
                turns = -1;
                i++;
            }
            moves.add(new Move(face, turns));
        }
        if (moves.isEmpty()) {
            throw new NotationException("goals: no moves given (use U D L R F B with ' or 2)");
        }
        return Collections.unmodifiableList(moves);
    }

    /** The moves separated by single spaces, e.g. {@code "R U R' U2"}; empty for no moves. */
    public static String format(final List<Move> moves) {
        final StringBuilder sb = new StringBuilder(moves.size() * 3);
        for (final Move m : moves) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(m);
        }
        return sb.toString();
    }

    /** The sequence that undoes {@code moves}: each move inverted, in reverse order. */
    public static List<Move> inverse(final List<Move> moves) {
        final List<Move> out = new ArrayList<>(moves.size());
        for (int i = moves.size() - 1; i >= 0; i--) {
            out.add(moves.get(i).inverse());
        }
        return Collections.unmodifiableList(out);
    }

    private static boolean isPrime(final char c) {
        return c == '\'' || c == '\u2019';
    }

    /**
     * The offending token starting at {@code from}: up to the next space or face letter, with
     * unprintable characters shown as '?' and long runs cut, so that garbage input still gives a
     * readable one-line message.
     */
    private static String token(final String text, final int from) {
        final StringBuilder sb = new StringBuilder();
        int i = from;
        do {
            final char c = text.charAt(i);
            if (sb.length() == MAX_TOKEN_SHOWN) {
                sb.append("...");
                break;
            }
            sb.append(c < 0x20 || c == 0x7f || Character.isISOControl(c) ? '?' : c);
            i++;
        } while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && Face.ofLetter(text.charAt(i)) == null);
        return sb.toString();
    }
}
