package dev.dexd.controller.console;

import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/**
 * The loop's timing for {@code stats}, from the run's step log: each call reads the step records
 * appended since the last one (a tailer stays open) into histograms of step time, inference time
 * and tick lateness. Runs on the console's worker thread, never on the event loop or the control
 * thread; the log is read, never written.
 */
final class StatsReader implements AutoCloseable {
    private static final long HIGHEST_NANOS = 600_000_000_000L;

    /** Percentiles of one measure, nanoseconds. */
    record Percentiles(long count, long p50, long p99, long p999, long max) {
        static Percentiles of(Histogram h) {
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }

    /** What the log says so far. */
    record LoopStats(long steps, Percentiles step, Percentiles inference, Percentiles lateness) {
    }

    private final Path dir;
    private final Histogram step = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram inference = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram lateness = new Histogram(HIGHEST_NANOS, 3);
    private StepLogReader reader;

    StatsReader(Path dir) {
        this.dir = dir;
    }

    /**
     * Reads what was appended since the last call.
     *
     * @throws dev.dexd.controller.log.StepLogException when the log cannot be read (yet)
     */
    LoopStats read() {
        if (reader == null) {
            reader = StepLogReader.open(dir);
        }
        for (StepLogReader.Entry e; (e = reader.next()) != StepLogReader.Entry.END; ) {
            if (e == StepLogReader.Entry.STEP) {
                StepRecord r = reader.step();
                step.recordValue(clamp(r.stepNanos()));
                inference.recordValue(clamp(r.inferenceNanos()));
                lateness.recordValue(clamp(r.latenessNanos()));
            }
        }
        return new LoopStats(step.getTotalCount(), Percentiles.of(step), Percentiles.of(inference),
            Percentiles.of(lateness));
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(nanos, HIGHEST_NANOS));
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
