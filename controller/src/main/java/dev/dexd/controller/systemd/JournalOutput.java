package dev.dexd.controller.systemd;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How {@code dexd run} writes its lines. For the journal (stdout is not a terminal, or is the journal
 * stream systemd announced in {@code JOURNAL_STREAM}): one line per event, each with a syslog priority prefix (stdout
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
        return !terminal || stdoutIsJournal(env);
    }

    /**
     * Whether stdout is the journal stream systemd connected: {@code JOURNAL_STREAM} is
     * {@code device:inode} of that socket, and it is inherited by children whose stdout may be
     * elsewhere (a timer's {@code dexd stat --prometheus > file}), so the inode is compared with
     * stdout's own (/proc/self/fd/1 reads {@code socket:[inode]} for a socket).
     */
    public static boolean stdoutIsJournal(Map<String, String> env) {
        String stream = env.get("JOURNAL_STREAM");
        int colon = stream == null ? -1 : stream.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString();
            return target.equals("socket:[" + stream.substring(colon + 1).trim() + "]");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
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
