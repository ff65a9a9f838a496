package dev.dexd.controller.log;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * What a run did, computed from its log alone: counts, timing percentiles, holds and clips, goal
 * outcomes, and a digest of the deterministic content (every step record without its timing group,
 * and every event but {@link EventType#CONFIG}, which describes the machine) that two lockstep runs
 * with the same seed and config share. The same summary
 * the demo prints at the end and {@code dexd replay stats} prints from a log.
 *
 * @param logDir where the log is
 * @param header the log's header
 * @param steps step records read
 * @param firstStep the first step number (-1 without steps)
 * @param lastStep the last step number (-1 without steps)
 * @param stepGaps step numbers missing between consecutive records (records lost, seen from the steps)
 * @param episodes distinct episodes seen in the steps
 * @param controlTimeNanos control-clock span from the first to the last step, plus one period
 * @param overrunSteps steps flagged {@link StepFlags#OVERRUN}
 * @param skippedPeriods periods skipped by overruns (sum over steps)
 * @param lostRecords records the ring dropped, from the SHUTDOWN trailer; null when the log has none
 *     (the daemon was killed or crashed, so the count is unknown)
 * @param writeErrors records the logger failed to append, from the trailer (null when unknown)
 * @param lateness tick lateness (actual start - deadline; negative values count as 0)
 * @param inference policy inference time
 * @param phases per-phase step cost: read, observation, inference, decode, write, log_handoff, step
 * @param flagCounts steps with each flag set, by flag name (only flags seen)
 * @param heldSteps steps whose action was held (any {@link StepFlags#HOLD_MASK} flag)
 * @param clippedSteps steps with a range or rate clip
 * @param eventCounts events by type name (only types seen)
 * @param subgoalsAttempted SUBGOAL_START events
 * @param subgoalsSucceeded SUBGOAL_SUCCESS events
 * @param subgoalsTimedOut SUBGOAL_TIMEOUT events
 * @param drops DROP events
 * @param episodeEndReasons EPISODE_END events by reason (first word of their text)
 * @param unknownDocuments documents of kinds this version does not know (skipped)
 * @param digest SHA-256 (hex) of the deterministic content: for each step in order 'S' and its first
 *     {@link StepLayout#deterministicLength()} bytes, for each event the digest covers
 *     ({@link RunDigest#covers}) 'E' and its bytes without the wall-clock times
 * @param lostSteps step records among the lost records, from the trailer (null when unknown)
 * @param trailerDigest the digest the logger wrote into the trailer (null without a trailer); equal
 *     to {@code digest} unless the log is damaged
 * @param damage null for an intact log; with {@code --salvage}, the one-line description of the first
 *     damaged record (the summary covers the records before it)
 * @param estopLatency e-stop arrival to hold (ESTOP events that carry both wall-clock times)
 * @param perturbations time per subgoal around each memory reset, joint lock and resampling
 */
public record RunSummary(
    Path logDir,
    HeaderRecord header,
    long steps,
    long firstStep,
    long lastStep,
    long stepGaps,
    long episodes,
    long controlTimeNanos,
    long overrunSteps,
    long skippedPeriods,
    Long lostRecords,
    Long writeErrors,
    Percentiles lateness,
    Percentiles inference,
    Map<String, Percentiles> phases,
    Map<String, Long> flagCounts,
    long heldSteps,
    long clippedSteps,
    Map<String, Long> eventCounts,
    long subgoalsAttempted,
    long subgoalsSucceeded,
    long subgoalsTimedOut,
    long drops,
    Map<String, Long> episodeEndReasons,
    long unknownDocuments,
    String digest,
    Long lostSteps,
    String trailerDigest,
    String damage,
    Percentiles estopLatency,
    PerturbationAnalysis perturbations) {

    /**
     * Percentiles of a timing, in nanoseconds.
     *
     * @param count values recorded
     */
    public record Percentiles(long count, long p50, long p99, long p999, long max) {
        static Percentiles of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0, 0);
            }
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }

    /** Reads the whole log in {@code dir}. */
    public static RunSummary compute(Path dir) {
        return compute(dir, n -> { });
    }

    /**
     * Reads the whole log in {@code dir}, reporting the number of records read so far to
     * {@code progress} every few thousand records.
     *
     * @throws StepLogException if the log cannot be read
     */
    public static RunSummary compute(Path dir, LongConsumer progress) {
        return compute(dir, progress, false);
    }

    /**
     * As {@link #compute(Path, LongConsumer)}; with {@code salvage}, a damaged record ends the
     * summary instead of failing it ({@link #damage} says where).
     *
     * @throws StepLogException if the log cannot be opened, or (without salvage) is damaged
     */
    public static RunSummary compute(Path dir, LongConsumer progress, boolean salvage) {
        try (StepLogReader reader = StepLogReader.open(dir)) {
            return new SummaryAccumulator(reader, salvage).run(progress);
        }
    }

    /** Whether the trailer's digest matches the records (false without a trailer). */
    public boolean digestVerified() {
        return trailerDigest != null && trailerDigest.equals(digest);
    }

    /** A compact multi-line summary for people (ends with a newline). */
    public String toText() {
        return SummaryText.render(this);
    }

    /** The summary as one JSON object (times in nanoseconds). */
    public String toJson() {
        return SummaryJson.render(this);
    }
}
