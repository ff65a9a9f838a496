package dev.dexd.policy.offline;

import dev.dexd.policy.PolicyException;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads raw observation rows (N numbers, manifest order, comma-separated) one at a time into a
 * reused array. Blank lines and lines starting with {@code #} are skipped. The first other line may
 * be a header: every cell a name, each naming the manifest feature of its column ({@code cube_pos},
 * or with an element suffix as {@code cube_pos_0} or {@code cube_pos[0]}); a header naming a column
 * the manifest does not have is an error, so is a first row that mixes names and numbers (a typo in
 * a number). Anything else that is not exactly N finite numbers is an error naming the line and column.
 */
public final class ObservationCsv {
    private final BufferedReader in;
    private final String name;
    private final String[] features;
    private final int columns;
    private final StringBuilder text = new StringBuilder();
    private final int maxLine;
    private long line;
    private boolean started;

    /**
     * @param features the manifest feature name of each column, in order (N entries)
     */
    public ObservationCsv(BufferedReader in, String name, String[] features) {
        this.in = in;
        this.name = name;
        this.features = features.clone();
        this.columns = features.length;
        this.maxLine = 4096 + 64 * columns;
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
        while ((text = readLine()) != null) {
            line++;
            if (text.isBlank() || text.stripLeading().startsWith("#")) {
                continue;
            }
            if (!started) {
                started = true;
                if (isHeader(text)) {
                    checkHeader(text);
                    continue;
                }
            }
            parse(text, row);
            return true;
        }
        return false;
    }

    /**
     * The next line, or null at the end; at most {@link #maxLine} characters, so that a file that is
     * not an observation CSV (one long line, larger than the heap) is refused instead of filling memory.
     */
    private String readLine() throws IOException {
        text.setLength(0);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (text.length() == maxLine) {
                throw new PolicyException(name + " line " + (line + 1) + " is longer than " + maxLine + " characters,"
                    + " far more than " + columns + " numbers take: is this the observation CSV?");
            }
            text.append((char) c);
        }
        if (c < 0 && text.length() == 0) {
            return null;
        }
        int end = text.length();
        if (end > 0 && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(0, end);
    }

    /** True when no cell is a number: a header (a mix of names and numbers is a row with a typo, refused in parse). */
    private static boolean isHeader(String text) {
        for (String cell : text.split(",", -1)) {
            try {
                Double.parseDouble(cell.trim());
                return false;
            } catch (NumberFormatException e) {
                // a name: go on
            }
        }
        return true;
    }

    private void checkHeader(String text) {
        String[] cells = text.split(",", -1);
        if (cells.length != columns) {
            throw new PolicyException(name + " line " + line + " (header): expected " + columns + " columns, got "
                + cells.length + " (one column per observation element, manifest order)");
        }
        for (int c = 0; c < columns; c++) {
            String cell = cells[c].trim();
            String feature = features[c];
            boolean named = cell.equals(feature) || cell.startsWith(feature)
                && "_.[(".indexOf(cell.charAt(feature.length())) >= 0;
            if (!named) {
                throw new PolicyException(name + " line " + line + " (header), column " + (c + 1) + ": '" + cell
                    + "' is not a column of the manifest here: expected " + feature + " (or " + feature + "_<i>);"
                    + " fix the header, or remove it (it is optional)");
            }
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
