package dev.dexd.controller.log;

import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionHandler;
import org.slf4j.Logger;

/**
 * Chronicle reports its own trouble (an appender that cannot be closed on a full disk, mappings
 * released while a damaged file is closed, a disk almost full) through {@link Jvm#warn()} and
 * {@link Jvm#error()}, which log stack traces. dexd reports these failures itself, counted and in one
 * line (lost records, write errors, the first damaged record, DISK_LOW), so Chronicle's reports are
 * kept off the terminal: they are counted and the last one kept ({@link #count}, {@link #last}), and
 * printed as one line each only with {@code -Ddexd.chronicle.warnings=true}. Installed by the step
 * log's writer and reader; JVM-wide, as Chronicle's handlers are.
 */
final class ChronicleWarnings implements ExceptionHandler {
    private static final boolean PRINT = Boolean.getBoolean("dexd.chronicle.warnings");
    private static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong();
    private static volatile String last;
    private static volatile boolean installed;

    private ChronicleWarnings() {
    }

    static void install() {
        if (!installed) {
            synchronized (ChronicleWarnings.class) {
                if (!installed) {
                    ExceptionHandler h = new ChronicleWarnings();
                    Jvm.setWarnExceptionHandler(h);
                    Jvm.setErrorExceptionHandler(h);
                    installed = true;
                }
            }
        }
    }

    @Override
    public void on(Class<?> clazz, String message, Throwable thrown) {
        print(message, thrown);
    }

    @Override
    public void on(Logger logger, String message, Throwable thrown) {
        print(message, thrown);
    }

    /** Chronicle warnings and errors reported so far in this JVM. */
    static long count() {
        return COUNT.get();
    }

    /** The last one, as one line, or null. */
    static String last() {
        return last;
    }

    private static void print(String message, Throwable thrown) {
        String text = message == null ? "" : message.strip();
        int nl = text.indexOf('\n');
        text = nl < 0 ? text : text.substring(0, nl);
        String line = "dexd: step log (Chronicle): " + text
            + (thrown != null ? (text.isEmpty() ? "" : ": ") + thrown.getClass().getSimpleName()
                + (thrown.getMessage() != null ? " " + firstLine(thrown.getMessage()) : "") : "");
        COUNT.incrementAndGet();
        last = line;
        if (PRINT) {
            System.err.println(line);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
