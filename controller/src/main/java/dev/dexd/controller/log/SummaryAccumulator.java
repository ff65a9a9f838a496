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
    /** Step cost phases, each read through the step field {@code <phase>_ns} of the header's table. */
    private static final String[] PHASES = {"read", "observation", "inference", "decode", "write", "log_handoff", "step"};
    private static final byte STEP_TAG = 'S';
    private static final byte EVENT_TAG = 'E';

    private final StepLogReader reader;
    private final boolean salvage;
    private final StepField[] phaseFields = new StepField[PHASES.length];
    private final StepField latenessField;
    private final StepField skippedField;
    private final StepField flagsField;
    private final MessageDigest sha256;
    private final Histogram lateness = new Histogram(3);
    private final Histogram inference = new Histogram(3);
    private final Histogram estopLatency = new Histogram(3);
    private final Histogram[] phases = new Histogram[PHASES.length];
    private final long[] flagCounts = new long[32];
    private final Map<String, Long> eventCounts = new TreeMap<>();
    private final Map<String, Long> endReasons = new TreeMap<>();
    private final PerturbationAnalysis perturbations;
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
    private Long lostSteps;
    private String trailerDigest;
    private String damage;

    /** @param salvage on damage, summarise the records before it instead of throwing */
    SummaryAccumulator(StepLogReader reader, boolean salvage) {
        this.reader = reader;
        this.salvage = salvage;
        StepLayout layout = reader.layout();
        for (int i = 0; i < PHASES.length; i++) {
            phaseFields[i] = layout.field(PHASES[i] + "_ns");
        }
        latenessField = layout.field("lateness_ns");
        skippedField = layout.field("skipped_periods");
        flagsField = layout.field("flags");
        perturbations = new PerturbationAnalysis();
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
        for (StepLogReader.Entry e; (e = next()) != StepLogReader.Entry.END; ) {
            if (e == StepLogReader.Entry.STEP) {
                onStep(reader.step());
                digest(STEP_TAG, reader.layout().deterministicLength());
            } else {
                onEvent(reader.event());
                if (RunDigest.covers(reader.event().typeCode())) {
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

    private StepLogReader.Entry next() {
        try {
            return reader.next();
        } catch (StepLogException e) {
            if (!salvage) {
                throw e;
            }
            damage = e.getMessage();
            return StepLogReader.Entry.END;
        }
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
        int flags = (int) flagsField.getLong(s);
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
        skippedPeriods += skippedField.getLong(s);
        lateness.recordValue(Math.max(0, latenessField.getLong(s)));
        for (int i = 0; i < PHASES.length; i++) {
            record(i, phaseFields[i].getLong(s));
        }
        inference.recordValue(Math.max(0, phaseFields[2].getLong(s)));
    }

    private void record(int phase, long nanos) {
        phases[phase].recordValue(Math.max(0, nanos));
    }

    private void onEvent(EventRecord e) {
        EventType type = e.type();
        String name = type != null ? type.name() : "CODE_" + e.typeCode();
        eventCounts.merge(name, 1L, Long::sum);
        perturbations.onEvent(e);
        if (type == EventType.ESTOP && e.arrivalNanos() != 0 && e.actedNanos() != 0) {
            estopLatency.recordValue(Math.max(0, e.actedNanos() - e.arrivalNanos()));
        }
        if (type == EventType.EPISODE_END) {
            endReasons.merge(firstWord(e.text()), 1L, Long::sum);
        } else if (type == EventType.SHUTDOWN) {
            String text = e.text();
            Long lost = RunDigest.number(text, RunDigest.LOST);
            if (lost != null) {
                lostRecords = lost;
                writeErrors = RunDigest.number(text, RunDigest.WRITE_ERRORS);
                lostSteps = RunDigest.number(text, RunDigest.LOST_STEPS);
                trailerDigest = RunDigest.value(text, RunDigest.DIGEST);
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
        String digest = RunDigest.hex(sha256.digest());
        if (damage == null && trailerDigest != null && !trailerDigest.equals(digest)) {
            String problem = reader.directory() + " is damaged: its records give the digest " + digest
                + ", its trailer says " + trailerDigest;
            if (!salvage) {
                throw new StepLogException(problem);
            }
            damage = problem;
        }
        return new RunSummary(reader.directory().toAbsolutePath(), reader.header(), steps, firstStep, lastStep, gaps,
            episodes, controlTime, overrunSteps, skippedPeriods, lostRecords, writeErrors,
            RunSummary.Percentiles.of(lateness), RunSummary.Percentiles.of(inference), phaseMap, flags, heldSteps,
            clippedSteps, eventCounts, count(EventType.SUBGOAL_START), count(EventType.SUBGOAL_SUCCESS),
            count(EventType.SUBGOAL_TIMEOUT), count(EventType.DROP), endReasons, reader.unknownDocuments(),
            digest, lostSteps, trailerDigest, damage, RunSummary.Percentiles.of(estopLatency),
            perturbations);
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

}
