package dev.dexd.controller.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/** Builds a {@link RunSummary} from one pass over a log. */
final class SummaryAccumulator {
    private static final String[] PHASES = {"read", "observation", "inference", "decode", "write", "log_handoff", "step"};
    private static final byte STEP_TAG = 'S';
    private static final byte EVENT_TAG = 'E';
    private static final String LOST = "lost_records=";
    private static final String WRITE_ERRORS = "write_errors=";

    private final StepLogReader reader;
    private final MessageDigest sha256;
    private final Histogram lateness = new Histogram(3);
    private final Histogram inference = new Histogram(3);
    private final Histogram estopLatency = new Histogram(3);
    private final Histogram[] phases = new Histogram[PHASES.length];
    private final long[] flagCounts = new long[32];
    private final Map<String, Long> eventCounts = new TreeMap<>();
    private final Map<String, Long> endReasons = new TreeMap<>();
    private long steps;
    private long firstStep = -1;
    private long lastStep = -1;
    private long gaps;
    private long episodes;
    private int lastEpisode;
    private long firstSimTime;
    private long lastSimTime;
    private long overrunSteps;
    private long skippedPeriods;
    private long heldSteps;
    private long clippedSteps;
    private Long lostRecords;
    private Long writeErrors;

    SummaryAccumulator(StepLogReader reader) {
        this.reader = reader;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (int i = 0; i < phases.length; i++) {
            phases[i] = new Histogram(3);
        }
    }

    RunSummary run(LongConsumer progress) {
        long records = 0;
        for (StepLogReader.Entry e; (e = reader.next()) != StepLogReader.Entry.END; ) {
            if (e == StepLogReader.Entry.STEP) {
                onStep(reader.step());
                digest(STEP_TAG, reader.layout().deterministicLength());
            } else {
                onEvent(reader.event());
                if (reader.event().type() != EventType.CONFIG) {
                    // CONFIG events describe the machine (the start-up self-check's timer probe), not the run
                    digestEvent(reader.recordLength());
                }
            }
            if (++records % 4096 == 0) {
                progress.accept(records);
            }
        }
        progress.accept(records);
        return summary();
    }

    private void onStep(StepRecord s) {
        long step = s.step();
        if (steps == 0) {
            firstStep = step;
            firstSimTime = s.simTimeNanos();
            episodes = 1;
            lastEpisode = s.episode();
        } else {
            if (step > lastStep + 1) {
                gaps += step - lastStep - 1;
            }
            if (s.episode() != lastEpisode) {
                episodes++;
                lastEpisode = s.episode();
            }
        }
        steps++;
        lastStep = step;
        lastSimTime = s.simTimeNanos();
        int flags = s.flags();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                flagCounts[bit]++;
            }
        }
        if ((flags & StepFlags.OVERRUN) != 0) {
            overrunSteps++;
        }
        if ((flags & StepFlags.HOLD_MASK) != 0) {
            heldSteps++;
        }
        if ((flags & (StepFlags.CLIPPED_RANGE | StepFlags.CLIPPED_RATE)) != 0) {
            clippedSteps++;
        }
        skippedPeriods += s.skippedPeriods();
        lateness.recordValue(Math.max(0, s.latenessNanos()));
        inference.recordValue(Math.max(0, s.inferenceNanos()));
        record(0, s.readNanos());
        record(1, s.observationNanos());
        record(2, s.inferenceNanos());
        record(3, s.decodeNanos());
        record(4, s.writeNanos());
        record(5, s.logHandoffNanos());
        record(6, s.stepNanos());
    }

    private void record(int phase, long nanos) {
        phases[phase].recordValue(Math.max(0, nanos));
    }

    private void onEvent(EventRecord e) {
        EventType type = e.type();
        String name = type != null ? type.name() : "CODE_" + e.typeCode();
        eventCounts.merge(name, 1L, Long::sum);
        if (type == EventType.ESTOP && e.arrivalNanos() != 0 && e.actedNanos() != 0) {
            estopLatency.recordValue(Math.max(0, e.actedNanos() - e.arrivalNanos()));
        }
        if (type == EventType.EPISODE_END) {
            endReasons.merge(firstWord(e.text()), 1L, Long::sum);
        } else if (type == EventType.SHUTDOWN) {
            String text = e.text();
            Long lost = number(text, LOST);
            if (lost != null) {
                lostRecords = lost;
                writeErrors = number(text, WRITE_ERRORS);
            }
        }
    }

    private void digest(byte tag, int length) {
        UnsafeBuffer record = reader.recordBuffer();
        sha256.update(tag);
        sha256.update(record.byteArray(), 0, length);
    }

    /** An event's bytes without its wall-clock times, which differ from run to run. */
    private void digestEvent(int length) {
        UnsafeBuffer record = reader.recordBuffer();
        sha256.update(EVENT_TAG);
        sha256.update(record.byteArray(), 0, EventRecord.WALL_TIMES_OFFSET);
        int rest = EventRecord.WALL_TIMES_OFFSET + EventRecord.WALL_TIMES_LENGTH;
        sha256.update(record.byteArray(), rest, length - rest);
    }

    private RunSummary summary() {
        Map<String, RunSummary.Percentiles> phaseMap = new LinkedHashMap<>();
        for (int i = 0; i < PHASES.length; i++) {
            phaseMap.put(PHASES[i], RunSummary.Percentiles.of(phases[i]));
        }
        Map<String, Long> flags = new LinkedHashMap<>();
        for (int bit = 0; bit < 32; bit++) {
            if (flagCounts[bit] > 0) {
                flags.put(StepFlags.name(bit), flagCounts[bit]);
            }
        }
        long period = reader.header().periodNanos();
        long controlTime = steps == 0 ? 0 : lastSimTime - firstSimTime + period;
        return new RunSummary(reader.directory().toAbsolutePath(), reader.header(), steps, firstStep, lastStep, gaps,
            episodes, controlTime, overrunSteps, skippedPeriods, lostRecords, writeErrors,
            RunSummary.Percentiles.of(lateness), RunSummary.Percentiles.of(inference), phaseMap, flags, heldSteps,
            clippedSteps, eventCounts, count(EventType.SUBGOAL_START), count(EventType.SUBGOAL_SUCCESS),
            count(EventType.SUBGOAL_TIMEOUT), count(EventType.DROP), endReasons, reader.unknownDocuments(),
            hex(sha256.digest()), RunSummary.Percentiles.of(estopLatency));
    }

    private long count(EventType type) {
        return eventCounts.getOrDefault(type.name(), 0L);
    }

    private static String firstWord(String text) {
        String t = text.strip();
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_' || t.charAt(end) == '-')) {
            end++;
        }
        return end == 0 ? "unspecified" : t.substring(0, end);
    }

    private static Long number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == start ? null : Long.parseLong(text.substring(start, end));
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
