package dev.dexd.controller.replay.export;

import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * One pass over a run's log for the exporters: the header first, then every step and event in log
 * order, with the number of records read so far reported to a progress callback every 1024
 * records. Damage in the log stops the pass with the reader's one-line {@code StepLogException}.
 */
public final class LogScan {
    /** What an exporter does with each record. The flyweights are valid only during the call. */
    public interface Visitor {
        void header(HeaderRecord header) throws Exception;

        void step(StepRecord step) throws Exception;

        default void event(EventRecord event) throws Exception {
        }
    }

    private LogScan() {
    }

    /** Reads {@code dir} through {@code visitor}; returns the number of steps read. */
    public static long scan(Path dir, Visitor visitor, LongConsumer progress) throws Exception {
        long steps = 0;
        long records = 0;
        try (StepLogReader r = StepLogReader.open(dir)) {
            visitor.header(r.header());
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (e == StepLogReader.Entry.STEP) {
                    visitor.step(r.step());
                    steps++;
                } else {
                    visitor.event(r.event());
                }
                if ((++records & 1023) == 0) {
                    progress.accept(records);
                }
            }
            progress.accept(records);
        }
        return steps;
    }
}
