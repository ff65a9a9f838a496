package dev.dexd.controller.replay.plot;

import dev.dexd.controller.log.EventType;
import dev.dexd.controller.log.PerturbationAnalysis;
import dev.dexd.controller.log.PerturbationKind;
import dev.dexd.controller.log.StepFlags;
import dev.dexd.controller.log.StepLogException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code dexd replay plot}: PNG plots of one run, drawn headless with XChart. Each plot is one file in
 * the output folder; {@link #write} returns their names and what could not be drawn.
 * <ul>
 *   <li>{@code lateness.png}: tick lateness over time and its histogram</li>
 *   <li>{@code inference.png}: inference time over time and its histogram</li>
 *   <li>{@code targets.png}: per finger, the targets sent (after safety) against the measured positions</li>
 *   <li>{@code timeline.png}: holds, e-stops, subgoals, drops and episodes on one time axis</li>
 *   <li>{@code orientation-error.png}: the cube's orientation error to the goal (see {@link GoalOrientation})</li>
 *   <li>{@code perturbations.png}, when the run had perturbations: each successful subgoal's time, the
 *   perturbations, and the mean time per subgoal before and after each ({@link PerturbationAnalysis})</li>
 * </ul>
 */
public final class RunPlots {
    private static final int WIDTH = 1200;
    private static final Pattern FINGER = Pattern.compile("(WR|FF|MF|RF|LF|TH)");
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    /** What was written, and the plots left out with why. */
    public record Result(List<Path> files, List<String> notes, int steps) {
    }

    private RunPlots() {
    }

    public static Result write(Path logDir, Path outDir, LongConsumer progress) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new StepLogException("cannot create the output folder " + outDir + ": " + e.getMessage(), e);
        }
        GoalOrientation goal;
        try (var r = dev.dexd.controller.log.StepLogReader.open(logDir)) {
            goal = GoalOrientation.fromManifest(r.header().manifestYaml());
        }
        LogSeries s = LogSeries.read(logDir, goal.columns, progress);
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (s.steps == 0) {
            notes.add("the log holds no steps: nothing to plot");
            return new Result(files, notes, 0);
        }
        String run = logDir.getFileName().toString();
        save(files, outDir.resolve("lateness.png"), List.of(
            overTime("Tick lateness, " + run, "lateness (ms)", s.seconds, s.latenessMs),
            histogram("Tick lateness histogram", "lateness (ms)", s.latenessMs)), 1, 2, WIDTH, 420);
        // steps where the policy did not run (held before it) have no inference time: no point rather than a 0
        double[] inference = s.inferenceMs.clone();
        for (int i = 0; i < s.steps; i++) {
            if ((s.flags[i] & StepFlags.POLICY_RAN) == 0) {
                inference[i] = Double.NaN;
            }
        }
        save(files, outDir.resolve("inference.png"), List.of(
            overTime("Inference time (steps the policy ran), " + run, "inference (ms)", s.seconds, inference),
            histogram("Inference time histogram", "inference (ms)", inference)), 1, 2, WIDTH, 420);
        targets(s, outDir.resolve("targets.png"), files);
        save(files, outDir.resolve("timeline.png"), List.of(timeline(s, run)), 1, 1, WIDTH, 420);
        PerturbationAnalysis perturbations = new PerturbationAnalysis();
        for (LogSeries.Event e : s.events) {
            perturbations.onEvent(e.type(), e.step(), Math.round(e.seconds() * 1e9), e.text());
        }
        if (!perturbations.isEmpty()) {
            save(files, outDir.resolve("perturbations.png"), List.of(perturbations(perturbations, run)), 1, 1, WIDTH, 480);
        }
        if (goal.source == GoalOrientation.Source.NONE) {
            notes.add("orientation-error.png not drawn: " + goal.why);
        } else {
            double[] err = goal.errorDegrees(s);
            XYChart c = overTime("Cube orientation error to the goal, " + run, "error (deg)", s.seconds, err, WIDTH);
            c.getSeriesMap().values().iterator().next().setLabel("error " + goal.describe());
            c.getStyler().setLegendVisible(true);
            addSubgoalMarks(c, s, 0, 180);
            c.getStyler().setYAxisMin(0.0).setYAxisMax(180.0);
            save(files, outDir.resolve("orientation-error.png"), List.of(c), 1, 1, WIDTH, 420);
            if (goal.clippedSteps > 0) {
                notes.add("orientation error: " + goal.clippedSteps + " steps had a goal element at the normalisation's"
                    + " clip bound, so their error is a bound");
            }
        }
        return new Result(files, notes, s.steps);
    }

    private static XYChart chart(String title, String yTitle, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("control time (s)")
            .yAxisTitle(yTitle).build();
        Styler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setSeriesColors(PALETTE);
        st.setAntiAlias(true);
        return c;
    }

    private static XYChart overTime(String title, String yTitle, double[] t, double[] y) {
        return overTime(title, yTitle, t, y, WIDTH / 2);
    }

    private static XYChart overTime(String title, String yTitle, double[] t, double[] y, int width) {
        XYChart c = chart(title, yTitle, width, 420);
        XYSeries sr = c.addSeries(yTitle, t, y);
        sr.setMarker(SeriesMarkers.NONE);
        sr.setLineWidth(1f);
        c.getStyler().setLegendVisible(false);
        return c;
    }

    /** Counts in 50 bins from 0 (or the minimum) to the 99.9th percentile; the rest go in the last bin. */
    private static XYChart histogram(String title, String xTitle, double[] all) {
        double[] values = Arrays.stream(all).filter(v -> !Double.isNaN(v)).toArray();
        if (values.length == 0) {
            values = new double[] {0};
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = Math.min(0, sorted[0]);
        double hi = sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.999))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int bins = 50;
        double[] x = new double[bins];
        double[] y = new double[bins];
        double w = (hi - lo) / bins;
        for (int b = 0; b < bins; b++) {
            x[b] = lo + b * w;
        }
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / w);
            y[Math.max(0, Math.min(bins - 1, b))]++;
        }
        XYChart c = new XYChartBuilder().width(WIDTH / 2).height(420).title(title).xAxisTitle(xTitle + ", last bin"
            + " holds the top 0.1%").yAxisTitle("steps").build();
        style(c);
        XYSeries sr = c.addSeries("steps", x, y);
        sr.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        sr.setMarker(SeriesMarkers.NONE);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisDecimalPattern("0.##");
        c.getStyler().setYAxisDecimalPattern("#,##0");
        return c;
    }

    private static void style(XYChart c) {
        Styler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setSeriesColors(PALETTE);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    /** One panel per finger (and the wrist): each actuator's target as a line, its measured position dashed. */
    private static void targets(LogSeries s, Path file, List<Path> files) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        List<String> names = s.header.actuatorNames();
        for (int a = 0; a < names.size(); a++) {
            Matcher m = FINGER.matcher(names.get(a));
            groups.computeIfAbsent(m.find() ? m.group(1) : "other", k -> new ArrayList<>()).add(a);
        }
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            XYChart c = chart(fingerName(g.getKey()) + ": target (solid) vs measured (dashed)", "rad", WIDTH / 2, 330);
            int colour = 0;
            for (int a : g.getValue()) {
                Color col = PALETTE[colour++ % PALETTE.length];
                XYSeries t = c.addSeries(names.get(a) + " target", s.seconds, s.commanded[a]);
                t.setMarker(SeriesMarkers.NONE);
                t.setLineColor(col);
                t.setLineWidth(1.2f);
                XYSeries m = c.addSeries(names.get(a) + " measured", s.seconds, s.measured[a]);
                m.setMarker(SeriesMarkers.NONE);
                m.setLineColor(col);
                m.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
            }
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            charts.add(c);
        }
        int cols = 2;
        int rows = (charts.size() + cols - 1) / cols;
        save(files, file, charts, rows, cols, WIDTH, 330 * rows);
    }

    private static String fingerName(String code) {
        return switch (code) {
            case "WR" -> "wrist";
            case "FF" -> "first finger";
            case "MF" -> "middle finger";
            case "RF" -> "ring finger";
            case "LF" -> "little finger";
            case "TH" -> "thumb";
            default -> "other actuators";
        };
    }

    /** Rows of marks: held steps (by reason), e-stops, subgoal starts, successes, timeouts, drops, episodes. */
    private static XYChart timeline(LogSeries s, String run) {
        String[] rows = {"episode start", "drop", "subgoal timeout", "subgoal success", "subgoal start",
            "e-stop", "held: e-stop", "held: stale sensor", "held: other", "clipped"};
        XYChart c = chart("Holds, e-stops and subgoals, " + run, "", WIDTH, 420);
        // the legend names the rows, top to bottom as drawn; the y axis carries no numbers
        c.getStyler().setYAxisTicksVisible(false);
        c.getStyler().setYAxisMin(-0.5).setYAxisMax(rows.length - 0.5);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(6);
        int stale = StepFlags.STALE_CUBE_POSE | StepFlags.STALE_FACE_ANGLES | StepFlags.STALE_FINGERTIPS | StepFlags.STALE_HAND;
        int clipped = StepFlags.CLIPPED_RANGE | StepFlags.CLIPPED_RATE;
        int otherHold = StepFlags.HOLD_MASK & ~stale & ~StepFlags.ESTOP_HOLD;
        marks(c, rows, 9, s, clipped, new Color(0xbbbbbb));
        marks(c, rows, 8, s, otherHold, new Color(0x9467bd));
        marks(c, rows, 7, s, stale, new Color(0xff7f0e));
        marks(c, rows, 6, s, StepFlags.ESTOP_HOLD, new Color(0xd62728));
        events(c, rows, 5, s, new Color(0xd62728), EventType.ESTOP);
        events(c, rows, 4, s, new Color(0x1f77b4), EventType.SUBGOAL_START);
        events(c, rows, 3, s, new Color(0x2ca02c), EventType.SUBGOAL_SUCCESS);
        events(c, rows, 2, s, new Color(0xff7f0e), EventType.SUBGOAL_TIMEOUT);
        events(c, rows, 1, s, new Color(0x8c564b), EventType.DROP);
        events(c, rows, 0, s, new Color(0x333333), EventType.EPISODE_START);
        double end = s.seconds[s.steps - 1];
        c.getStyler().setXAxisMin(0.0).setXAxisMax(Math.max(end, 1e-3));
        return c;
    }

    private static void marks(XYChart c, String[] rows, int row, LogSeries s, int mask, Color colour) {
        int n = 0;
        for (int i = 0; i < s.steps; i++) {
            n += (s.flags[i] & mask) != 0 ? 1 : 0;
        }
        double[] x = new double[Math.max(n, 1)];
        double[] y = new double[x.length];
        Arrays.fill(y, n == 0 ? Double.NaN : row);
        for (int i = 0, k = 0; i < s.steps; i++) {
            if ((s.flags[i] & mask) != 0) {
                x[k++] = s.seconds[i];
            }
        }
        scatter(c, rows[row] + " (" + n + " steps)", x, y, colour, SeriesMarkers.SQUARE);
    }

    private static void events(XYChart c, String[] rows, int row, LogSeries s, Color colour, EventType type) {
        List<Double> xs = new ArrayList<>();
        for (LogSeries.Event e : s.events) {
            if (e.type() == type) {
                xs.add(e.seconds());
            }
        }
        double[] x = new double[Math.max(xs.size(), 1)];
        double[] y = new double[x.length];
        Arrays.fill(y, xs.isEmpty() ? Double.NaN : row);
        for (int i = 0; i < xs.size(); i++) {
            x[i] = xs.get(i);
        }
        scatter(c, rows[row] + " (" + xs.size() + ")", x, y, colour, SeriesMarkers.DIAMOND);
    }

    /**
     * Each successful subgoal's time (a point at its end), each perturbation (a vertical line, one
     * colour per kind), and the mean time per subgoal before and after it (solid segments over the
     * subgoals they average).
     */
    private static XYChart perturbations(PerturbationAnalysis a, String run) {
        XYChart c = chart("Time per subgoal around perturbations, " + run, "time per subgoal (s)", WIDTH, 480);
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<PerturbationAnalysis.Subgoal> subgoals = a.subgoals();
        double top = 1e-3;
        double[] x = new double[Math.max(subgoals.size(), 1)];
        double[] y = new double[x.length];
        Arrays.fill(y, Double.NaN);
        for (int i = 0; i < subgoals.size(); i++) {
            x[i] = subgoals.get(i).endNanos() / 1e9;
            y[i] = subgoals.get(i).seconds();
            top = Math.max(top, y[i]);
        }
        scatter(c, "subgoal (" + subgoals.size() + ")", x, y, new Color(0x555555), SeriesMarkers.CIRCLE);
        top *= 1.1;
        Color[] kindColours = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};
        boolean[] named = new boolean[PerturbationKind.values().length];
        int n = 0;
        for (PerturbationAnalysis.Event e : a.events()) {
            Color col = kindColours[e.kind().ordinal() % kindColours.length];
            double t = e.nanos() / 1e9;
            XYSeries line = c.addSeries("p" + (++n), new double[] {t, t}, new double[] {0, top});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(col);
            line.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            line.setShowInLegend(!named[e.kind().ordinal()]);
            if (!named[e.kind().ordinal()]) {
                named[e.kind().ordinal()] = true;
                line.setLabel(e.kind().word());
            }
            segment(c, "b" + n, e.beforeFromNanos() / 1e9, t, e.meanSecondsBefore(), col);
            segment(c, "a" + n, t, e.afterToNanos() / 1e9, e.meanSecondsAfter(), col);
        }
        // one legend entry for the thick segments, in black
        XYSeries key = c.addSeries("mean per subgoal, before | after", new double[] {Double.NaN}, new double[] {Double.NaN});
        key.setMarker(SeriesMarkers.NONE);
        key.setLineColor(Color.BLACK);
        key.setLineStyle(new BasicStroke(3f));
        if (subgoals.isEmpty()) {
            c.getStyler().setXAxisMin(0.0);
        }
        c.getStyler().setYAxisMin(0.0).setYAxisMax(top);
        return c;
    }

    /** A mean as a thick horizontal segment (nothing for NaN, a side without subgoals). */
    private static void segment(XYChart c, String name, double from, double to, double mean, Color col) {
        if (Double.isNaN(mean)) {
            return;
        }
        XYSeries sr = c.addSeries(name, new double[] {from, to}, new double[] {mean, mean});
        sr.setMarker(SeriesMarkers.NONE);
        sr.setLineColor(col);
        sr.setLineStyle(new BasicStroke(3f)); // solid: XChart's default cycles through dash patterns
        sr.setShowInLegend(false);
    }

    private static void scatter(XYChart c, String name, double[] x, double[] y, Color colour,
        org.knowm.xchart.style.markers.Marker marker) {
        XYSeries sr = c.addSeries(name, x, y);
        sr.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        sr.setMarker(marker);
        sr.setMarkerColor(colour);
    }

    /** Thin vertical lines at subgoal successes, so the error's drops line up with them. */
    private static void addSubgoalMarks(XYChart c, LogSeries s, double lo, double hi) {
        int n = 0;
        for (LogSeries.Event e : s.events) {
            if (e.type() == EventType.SUBGOAL_SUCCESS) {
                XYSeries sr = c.addSeries("success " + (++n), new double[] {e.seconds(), e.seconds()}, new double[] {lo, hi});
                sr.setMarker(SeriesMarkers.NONE);
                sr.setLineColor(new Color(0x2ca02c));
                sr.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f));
                sr.setShowInLegend(n == 1);
                if (n == 1) {
                    sr.setLabel("subgoal success");
                }
            }
        }
    }

    private static void save(List<Path> files, Path file, List<XYChart> charts, int rows, int cols, int width, int height) {
        try {
            if (charts.size() == 1) {
                BitmapEncoder.saveBitmap(charts.get(0), file.toString(), BitmapEncoder.BitmapFormat.PNG);
            } else {
                BitmapEncoder.saveBitmap(charts, rows, cols, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new StepLogException("cannot write " + file + ": " + e.getMessage(), e);
        }
        files.add(file);
    }
}
