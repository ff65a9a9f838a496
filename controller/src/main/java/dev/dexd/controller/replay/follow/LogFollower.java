package dev.dexd.controller.replay.follow;

import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepLogException;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows a run's log while the daemon writes it ({@code dexd replay follow}): a status line every
 * {@code every} steps and every event as it comes, through Chronicle's tailer ({@link StepLogReader#poll}),
 * until the SHUTDOWN trailer arrives or the caller stops it. Runs on the caller's thread; reads
 * fields by name from the log's own field table.
 */
public final class LogFollower {
    /** How long to sleep when the log has nothing new: well under a control period at 12.5 Hz. */
    private static final long IDLE_NANOS = 2_000_000;

    private final Path dir;
    private final int every;
    private final Consumer<String> out;

    /**
     * @param dir the run's log directory (it may not hold its header yet: the daemon is starting)
     * @param every a status line every this many steps (1: every step)
     * @param out where lines go
     */
    public LogFollower(Path dir, int every, Consumer<String> out) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        this.dir = dir;
        this.every = every;
        this.out = out;
    }

    /** What following ended with. */
    public record Result(long steps, long events, String trailer) {
    }

    /**
     * Follows until the trailer (then returns it) or until {@code stop} says so (trailer null).
     *
     * @throws StepLogException (one line) when the directory is not a dexd log or a record is damaged
     */
    public Result follow(BooleanSupplier stop) {
        StepLogReader reader = open(stop);
        if (reader == null) {
            return new Result(0, 0, null);
        }
        try (reader) {
            StepLayout layout = reader.layout();
            Fields f = new Fields(layout);
            out.accept(String.format(Locale.ROOT, "following %s: %s clock, period %.1f ms, %d actuators",
                dir.getFileName(), reader.header().clockMode(), reader.header().periodNanos() / 1e6, layout.actuators()));
            long steps = 0;
            long events = 0;
            StringBuilder line = new StringBuilder(160);
            while (true) {
                StepLogReader.Entry e = reader.poll();
                if (e == null) {
                    if (stop.getAsBoolean()) {
                        return new Result(steps, events, null);
                    }
                    LockSupport.parkNanos(IDLE_NANOS);
                } else if (e == StepLogReader.Entry.END) {
                    return new Result(steps, events, reader.trailer());
                } else if (e == StepLogReader.Entry.STEP) {
                    if (steps++ % every == 0) {
                        line.setLength(0);
                        out.accept(f.status(reader.step(), line).toString());
                    }
                } else {
                    EventRecord ev = reader.event();
                    EventType type = ev.type();
                    if (type == EventType.SHUTDOWN) {
                        out.accept("end: " + ev.text());
                    } else {
                        events++;
                        out.accept(String.format(Locale.ROOT, "event step %d t=%.3fs %s %s", ev.step(),
                            f.seconds(ev.simTimeNanos()), type != null ? type.name() : "code_" + ev.typeCode(), ev.text()));
                    }
                }
            }
        }
    }

    /** Waits for the daemon to write the header: the directory may be empty for a moment after it appears. */
    private StepLogReader open(BooleanSupplier stop) {
        StepLogException last = null;
        while (!stop.getAsBoolean()) {
            if (Files.isDirectory(dir)) {
                try {
                    return StepLogReader.open(dir);
                } catch (StepLogException e) {
                    if (!e.getMessage().contains("no Chronicle Queue files") && !e.getMessage().contains("queue is empty")) {
                        throw e;
                    }
                    last = e;
                }
            } else if (Files.exists(dir)) {
                throw new StepLogException(dir + " is not a dexd log: it is a file, expected a run's log directory");
            }
            LockSupport.parkNanos(50_000_000);
        }
        if (last != null) {
            out.accept("stopped before the log had a header: " + last.getMessage());
        }
        return null;
    }

    /** The fields a status line shows, found by name. */
    private static final class Fields {
        final StepField step;
        final StepField time;
        final StepField flags;
        final StepField episode;
        final StepField goalIndex;
        final StepField lateness;
        final StepField inference;

        Fields(StepLayout l) {
            step = l.field("step");
            time = l.field("sim_time_ns");
            flags = l.field("flags");
            episode = l.field("episode");
            goalIndex = l.field("goal_index");
            lateness = l.field("lateness_ns");
            inference = l.field("inference_ns");
        }

        /** Control time since the first step (the realtime clock's zero is arbitrary). */
        long t0 = Long.MIN_VALUE;

        double seconds(long simTimeNanos) {
            return t0 == Long.MIN_VALUE ? 0 : (simTimeNanos - t0) / 1e9;
        }

        StringBuilder status(StepRecord r, StringBuilder sb) {
            if (t0 == Long.MIN_VALUE) {
                t0 = time.getLong(r);
            }
            int fl = (int) flags.getLong(r);
            sb.append("step ").append(step.getLong(r))
                .append(String.format(Locale.ROOT, " t=%.3fs", seconds(time.getLong(r))))
                .append(" episode ").append(episode.getLong(r))
                .append(" goal ").append(goalIndex.getLong(r))
                .append(String.format(Locale.ROOT, " late %.2fms infer %.2fms", lateness.getLong(r) / 1e6,
                    inference.getLong(r) / 1e6));
            if ((fl & StepFlags.HOLD_MASK) != 0) {
                sb.append(" HOLD");
            }
            sb.append(" flags ").append(StepFlags.describe(fl & ~StepFlags.POLICY_RAN));
            return sb;
        }
    }
}
