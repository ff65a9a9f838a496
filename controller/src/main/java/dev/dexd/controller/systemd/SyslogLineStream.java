package dev.dexd.controller.systemd;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Gives every line a syslog priority prefix as journald reads it ({@code <3>} error, {@code <4>}
 * warning, {@code <6>} info): a line that already starts with one keeps it, any other gets the
 * stream's default. In strip mode (a terminal) it does the opposite and removes such prefixes, so
 * code can tag a line's priority once and be right in both places. Bytes pass through as they come
 * except the first three of a line, which are held until they show whether they are a prefix.
 */
public final class SyslogLineStream extends OutputStream {
    public static final int ERROR = 3;
    public static final int WARNING = 4;
    public static final int INFO = 6;

    private final OutputStream out;
    private final byte[] tag;
    private final boolean strip;
    private final byte[] head = new byte[3];
    private int headLength;
    private boolean inLine;

    /**
     * @param priority the prefix of lines that have none (prefix mode)
     * @param strip    true: remove prefixes instead (a terminal)
     */
    public SyslogLineStream(OutputStream out, int priority, boolean strip) {
        this.out = out;
        this.tag = new byte[] {'<', (byte) ('0' + priority), '>'};
        this.strip = strip;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (inLine) {
            out.write(b);
            if (b == '\n') {
                inLine = false;
            }
            return;
        }
        head[headLength++] = (byte) b;
        boolean couldBeTag = head[0] == '<' && (headLength < 2 || (head[1] >= '0' && head[1] <= '7'))
            && (headLength < 3 || head[2] == '>');
        if (couldBeTag && headLength < 3) {
            return;
        }
        if (couldBeTag) { // a complete prefix
            if (!strip) {
                out.write(head, 0, 3);
            }
            headLength = 0;
            inLine = true;
            return;
        }
        endHead();
        if (b == '\n') {
            inLine = false;
        }
    }

    /** The held bytes are not a prefix: the line gets the default one (prefix mode) and they follow. */
    private void endHead() throws IOException {
        if (!strip) {
            out.write(tag);
        }
        out.write(head, 0, headLength);
        headLength = 0;
        inLine = true;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush(); // held bytes (at most "<N" of a line) wait for the byte that decides
    }

    @Override
    public synchronized void close() throws IOException {
        if (headLength > 0) {
            endHead();
        }
        out.flush();
    }
}
