package dev.dexd.controller.log;

import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.onoes.ExceptionHandler;
import org.slf4j.Logger;

/**
 * Chronicle reports its own trouble (an appender that cannot be closed on a full disk, a damaged
 * file) through {@link Jvm#warn()} and {@link Jvm#error()}, which log a stack trace. dexd already
 * counts and names these failures itself, so Chronicle's reports are reduced to one line on stderr.
 * Installed by the step log's writer and reader; JVM-wide, as Chronicle's handlers are.
 */
final class ChronicleWarnings implements ExceptionHandler {
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

    private static void print(String message, Throwable thrown) {
        String text = message == null ? "" : message.strip();
        int nl = text.indexOf('\n');
        text = nl < 0 ? text : text.substring(0, nl);
        System.err.println("dexd: step log (Chronicle): " + text
            + (thrown != null ? (text.isEmpty() ? "" : ": ") + thrown.getClass().getSimpleName()
                + (thrown.getMessage() != null ? " " + firstLine(thrown.getMessage()) : "") : ""));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
