package dev.dexd.controller.systemd;

/** Child process for {@link JournalStreamTest}: says on stderr whether its stdout is the journal stream. */
public final class JournalProbeMain {
    private JournalProbeMain() {
    }

    public static void main(String[] args) {
        System.err.println("journal=" + JournalOutput.stdoutIsJournal(System.getenv()));
    }
}
