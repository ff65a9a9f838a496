package dev.dexd.controller.systemd;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How {@code dexd run} writes its lines. For the journal (stdout is not a terminal, or systemd set
 * {@code JOURNAL_STREAM}): one line per event, each with a syslog priority prefix (stdout
 * {@code <6>}, stderr {@code <3>} unless the line carries its own, e.g. {@code <4>} for a warning),
 * and no redraws. On a terminal: prefixes removed, the status line redrawn in place.
 */
public final class JournalOutput implements AutoCloseable {
    private final PrintStream oldOut;
    private final PrintStream oldErr;
    private final boolean journal;

    private JournalOutput(boolean journal) {
        this.journal = journal;
        oldOut = System.out;
        oldErr = System.err;
        if (!(oldOut.getClass() == Tagged.class)) {
            System.setOut(new Tagged(oldOut, SyslogLineStream.INFO, !journal));
            System.setErr(new Tagged(oldErr, SyslogLineStream.ERROR, !journal));
        }
    }

    /** Whether output goes to the journal (or a file or pipe) rather than a terminal. */
    public static boolean forJournal(Map<String, String> env, boolean terminal) {
        return !terminal || env.containsKey("JOURNAL_STREAM");
    }

    /** Replaces System.out and System.err until {@link #close()} (a no-op if already installed). */
    public static JournalOutput install(boolean journal) {
        return new JournalOutput(journal);
    }

    public boolean journal() {
        return journal;
    }

    /** Puts the streams back. */
    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private static final class Tagged extends PrintStream {
        Tagged(PrintStream to, int priority, boolean strip) {
            super(new SyslogLineStream(to, priority, strip), true, StandardCharsets.UTF_8);
        }
    }
}
