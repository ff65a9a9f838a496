package dev.dexd.controller.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link RunSummary} as the compact multi-line text the demo and {@code dexd replay stats} print. */
final class SummaryText {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    private SummaryText() {
    }

    static String render(RunSummary s) {
        HeaderRecord h = s.header();
        StringBuilder out = new StringBuilder();
        line(out, "run", "%s, %s Hz (period %s), seed %d, model sha256 %s, dexd %s, host %s, started %s",
            h.clockMode(), hz(h.periodNanos()), time(h.periodNanos()), h.seed(), shortSha(h.modelSha256()),
            orDash(h.dexdVersion()), orDash(h.hostName()), UTC.format(Instant.ofEpochMilli(h.startEpochMillis())));
        if (s.steps() == 0) {
            line(out, "steps", "none recorded");
        } else {
            line(out, "steps", "%,d (%d..%d), %s of control time, %d episode%s", s.steps(), s.firstStep(), s.lastStep(),
                time(s.controlTimeNanos()), s.episodes(), s.episodes() == 1 ? "" : "s");
        }
        long otherwise = s.subgoalsAttempted() - s.subgoalsSucceeded() - s.subgoalsTimedOut();
        line(out, "goals", "%d subgoal%s attempted: %d succeeded, %d timed out%s; %d drop%s",
            s.subgoalsAttempted(), s.subgoalsAttempted() == 1 ? "" : "s", s.subgoalsSucceeded(), s.subgoalsTimedOut(),
            otherwise > 0 ? ", " + otherwise + " ended otherwise (drop, episode end or still running)" : "",
            s.drops(), s.drops() == 1 ? "" : "s");
        if (!s.episodeEndReasons().isEmpty()) {
            line(out, "episodes", "ended by %s", counts(s.episodeEndReasons()));
        }
        line(out, "holds", s.heldSteps() == 0 ? "none" : "%,d steps held: %s", s.heldSteps(),
            counts(s.flagCounts(), StepFlags.HOLD_MASK));
        line(out, "safety", s.clippedSteps() == 0 ? "no clips" : "%,d steps clipped: %s", s.clippedSteps(),
            counts(s.flagCounts(), StepFlags.CLIPPED_RANGE | StepFlags.CLIPPED_RATE));
        if (h.lockstep()) {
            line(out, "timing", "lockstep: no wall-clock deadlines, so no tick lateness or overruns");
        } else {
            RunSummary.Percentiles l = s.lateness();
            line(out, "lateness", "p50 %s  p99 %s  p99.9 %s  max %s", time(l.p50()), time(l.p99()), time(l.p999()),
                time(l.max()));
            line(out, "overruns", "%,d ticks late by more than a period, %,d periods skipped", s.overrunSteps(),
                s.skippedPeriods());
        }
        RunSummary.Percentiles stop = s.estopLatency();
        if (stop.count() > 0) {
            line(out, "e-stop", "arrival to hold: p50 %s  p99 %s  max %s (%,d e-stops)", time(stop.p50()),
                time(stop.p99()), time(stop.max()), stop.count());
        }
        RunSummary.Percentiles i = s.inference();
        line(out, "inference", "p50 %s  p99 %s  max %s", time(i.p50()), time(i.p99()), time(i.max()));
        line(out, "step cost", "%-13s %10s %10s", "phase", "p50", "p99");
        for (Map.Entry<String, RunSummary.Percentiles> e : s.phases().entrySet()) {
            String phase = e.getKey().equals("step") ? "whole step" : e.getKey().replace('_', ' ');
            line(out, "", "%-13s %10s %10s", phase, time(e.getValue().p50()), time(e.getValue().p99()));
        }
        if (s.lostRecords() == null) {
            line(out, "log", "%s; lost records unknown (no shutdown record: the daemon was killed or crashed)%s",
                s.logDir(), gaps(s));
        } else {
            line(out, "log", "%s; %,d records lost%s, %d write errors%s", s.logDir(), s.lostRecords(),
                s.lostSteps() == null ? "" : String.format(Locale.ROOT, " (%,d steps)", s.lostSteps()),
                s.writeErrors() == null ? 0 : s.writeErrors(), gaps(s));
        }
        line(out, "digest", "sha256 %s (steps without timings, and events)%s", s.digest(),
            s.digestVerified() ? "; matches the trailer" : "");
        PerturbationReport.text(out, s.perturbations());
        if (s.damage() != null) {
            line(out, "DAMAGED", "%s; this summary covers the records before it", s.damage());
        }
        return out.toString();
    }

    private static String gaps(RunSummary s) {
        long n = s.stepGaps();
        return n == 0 ? "" : String.format(Locale.ROOT, ", %,d step number%s missing", n, n == 1 ? "" : "s");
    }

    /** Formats nanoseconds in the unit that keeps three significant figures readable. */
    static String time(long nanos) {
        double abs = Math.abs((double) nanos);
        if (abs < 1_000) {
            return nanos + " ns";
        } else if (abs < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        } else if (abs < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String hz(long periodNanos) {
        double hz = 1e9 / periodNanos;
        return hz == Math.rint(hz) ? String.valueOf((long) hz) : String.format(Locale.ROOT, "%.3g", hz);
    }

    private static String shortSha(String sha) {
        return sha.isEmpty() ? "-" : sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    private static String counts(Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    private static String counts(Map<String, Long> flagCounts, int mask) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            Long n = flagCounts.get(StepFlags.name(bit));
            if ((mask & (1 << bit)) != 0 && n != null) {
                sb.append(sb.length() == 0 ? "" : ", ").append(StepFlags.name(bit)).append(' ').append(n);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder out, String label, String format, Object... args) {
        out.append(String.format(Locale.ROOT, "%-10s ", label)).append(String.format(Locale.ROOT, format, args))
            .append('\n');
    }
}
