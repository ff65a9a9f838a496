package dev.dexd.cli;

/**
 * A live progress line on stderr for long-running commands, redrawn at most twice a second, only when
 * stderr is a terminal (logs and pipes get the final summary alone).
 */
final class Progress {
    private final String what;
    private final String unit;
    private final boolean live = System.console() != null;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    Progress(String what, String unit) {
        this.what = what;
        this.unit = unit;
    }

    void update(long count) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 500_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        System.err.printf("\r%s: %,d %s, %.0f/s, %.1f s   ", what, count, unit, count / Math.max(seconds, 1e-9), seconds);
        drawn = true;
    }

    void done() {
        if (drawn) {
            System.err.print("\r\033[K");
        }
    }
}
