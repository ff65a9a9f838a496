package dev.dexd.controller.replay.plot;

import dev.dexd.controller.log.EventRecord;
import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.HeaderRecord;
import dev.dexd.controller.log.StepField;
import dev.dexd.controller.log.StepLayout;
import dev.dexd.controller.log.StepLogReader;
import dev.dexd.controller.log.StepRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A whole run's log as columns for plotting: control time, timings, flags, goal, targets against
 * measured positions, cube orientation and the observation as fed, and the events. Fields are read
 * by name from the log's field table. Offline only: it holds the run in memory (a one-hour run at
 * 12.5 Hz with 20 actuators is about 30 MB).
 */
public final class LogSeries {
    /** One event: its type (null for a code this version does not know), control time and text. */
    public record Event(EventType type, double seconds, long step, String text) {
    }

    public final HeaderRecord header;
    public int steps;
    /** Control time in seconds since the first step. */
    public double[] seconds = new double[1024];
    public double[] latenessMs = new double[1024];
    public double[] inferenceMs = new double[1024];
    public int[] flags = new int[1024];
    public int[] goalIndex = new int[1024];
    /** [actuator][step] */
    public double[][] commanded;
    public double[][] measured;
    /** [w x y z][step] */
    public final double[][] cubeQuat = new double[4][1024];
    /** [element][step] for the observation elements asked for at construction (see {@link #observationColumns}). */
    public double[][] observation;
    public final int[] observationColumns;
    public final List<Event> events = new ArrayList<>();

    private LogSeries(HeaderRecord header, int[] observationColumns) {
        this.header = header;
        this.observationColumns = observationColumns;
        int a = header.layout().actuators();
        commanded = new double[a][1024];
        measured = new double[a][1024];
        observation = new double[observationColumns.length][1024];
    }

    /**
     * Reads the run in {@code dir}.
     *
     * @param observationColumns elements of the observation to keep (as fed: normalised), e.g. the goal's
     * @param progress called with the records read so far, now and then
     */
    public static LogSeries read(Path dir, int[] observationColumns, LongConsumer progress) {
        try (StepLogReader r = StepLogReader.open(dir)) {
            LogSeries s = new LogSeries(r.header(), observationColumns);
            StepLayout l = r.layout();
            StepField time = l.field("sim_time_ns");
            StepField lateness = l.field("lateness_ns");
            StepField inference = l.field("inference_ns");
            StepField flags = l.field("flags");
            StepField goal = l.field("goal_index");
            StepField commanded = l.field("commanded_targets");
            StepField measured = l.field("actuator_positions");
            StepField quat = l.field("cube_quat");
            StepField obs = l.field("observation");
            long t0 = Long.MIN_VALUE;
            long records = 0;
            for (StepLogReader.Entry e; (e = r.next()) != StepLogReader.Entry.END; ) {
                if (++records % 4096 == 0) {
                    progress.accept(records);
                }
                if (e == StepLogReader.Entry.EVENT) {
                    EventRecord ev = r.event();
                    if (ev.type() != EventType.SHUTDOWN) {
                        long t = t0 == Long.MIN_VALUE ? 0 : ev.simTimeNanos() - t0;
                        s.events.add(new Event(ev.type(), t / 1e9, ev.step(), ev.text()));
                    }
                    continue;
                }
                StepRecord rec = r.step();
                if (t0 == Long.MIN_VALUE) {
                    t0 = time.getLong(rec);
                }
                s.grow();
                int i = s.steps++;
                s.seconds[i] = (time.getLong(rec) - t0) / 1e9;
                s.latenessMs[i] = lateness.getLong(rec) / 1e6;
                s.inferenceMs[i] = inference.getLong(rec) / 1e6;
                s.flags[i] = (int) flags.getLong(rec);
                s.goalIndex[i] = (int) goal.getLong(rec);
                for (int k = 0; k < s.commanded.length; k++) {
                    s.commanded[k][i] = commanded.getDouble(rec, k);
                    s.measured[k][i] = measured.getDouble(rec, k);
                }
                for (int k = 0; k < 4; k++) {
                    s.cubeQuat[k][i] = quat.getDouble(rec, k);
                }
                for (int k = 0; k < observationColumns.length; k++) {
                    s.observation[k][i] = obs.getDouble(rec, observationColumns[k]);
                }
            }
            progress.accept(records);
            s.trim();
            return s;
        }
    }

    private void grow() {
        if (steps < seconds.length) {
            return;
        }
        int n = seconds.length * 2;
        seconds = Arrays.copyOf(seconds, n);
        latenessMs = Arrays.copyOf(latenessMs, n);
        inferenceMs = Arrays.copyOf(inferenceMs, n);
        flags = Arrays.copyOf(flags, n);
        goalIndex = Arrays.copyOf(goalIndex, n);
        grow(commanded, n);
        grow(measured, n);
        grow(cubeQuat, n);
        grow(observation, n);
    }

    private void trim() {
        seconds = Arrays.copyOf(seconds, steps);
        latenessMs = Arrays.copyOf(latenessMs, steps);
        inferenceMs = Arrays.copyOf(inferenceMs, steps);
        flags = Arrays.copyOf(flags, steps);
        goalIndex = Arrays.copyOf(goalIndex, steps);
        grow(commanded, steps);
        grow(measured, steps);
        grow(cubeQuat, steps);
        grow(observation, steps);
    }

    private static void grow(double[][] columns, int n) {
        for (int k = 0; k < columns.length; k++) {
            columns[k] = Arrays.copyOf(columns[k], n);
        }
    }
}
