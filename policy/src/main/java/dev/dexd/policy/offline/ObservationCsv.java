package dev.dexd.policy.offline;

import dev.dexd.policy.PolicyException;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads raw observation rows (N numbers, manifest order, comma-separated) one at a time into a
 * reused array. An optional header line is skipped; blank lines are skipped; anything else that is
 * not exactly N finite numbers is an error naming the line and column.
 */
public final class ObservationCsv {
    private final BufferedReader in;
    private final String name;
    private final int columns;
    private long line;

    public ObservationCsv(BufferedReader in, String name, int columns) {
        this.in = in;
        this.name = name;
        this.columns = columns;
    }

    /** The line number of the row last read (1-based). */
    public long line() {
        return line;
    }

    /**
     * Reads the next row into {@code row[0..N)}.
     *
     * @return false at the end of the input
     */
    public boolean next(double[] row) throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            if (line == 1 && isHeader(text)) {
                continue;
            }
            parse(text, row);
            return true;
        }
        return false;
    }

    private static boolean isHeader(String text) {
        int comma = text.indexOf(',');
        String first = (comma < 0 ? text : text.substring(0, comma)).trim();
        try {
            Double.parseDouble(first);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private void parse(String text, double[] row) {
        int col = 0;
        int start = 0;
        int len = text.length();
        while (start <= len) {
            int end = text.indexOf(',', start);
            if (end < 0) {
                end = len;
            }
            if (col == columns) {
                throw new PolicyException(name + " line " + line + ": expected " + columns + " columns, got "
                    + countColumns(text) + " (one column per observation element, manifest order)");
            }
            String cell = text.substring(start, end).trim();
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new PolicyException(name + " line " + line + ", column " + (col + 1) + ": '" + cell
                    + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new PolicyException(name + " line " + line + ", column " + (col + 1) + ": " + cell
                    + " is not finite: the daemon holds instead of running the policy on such a step; remove or fix the row");
            }
            row[col++] = v;
            start = end + 1;
        }
        if (col != columns) {
            throw new PolicyException(name + " line " + line + ": expected " + columns + " columns, got " + col
                + " (one column per observation element, manifest order)");
        }
    }

    private static int countColumns(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                n++;
            }
        }
        return n;
    }
}
