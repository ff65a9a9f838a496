package dev.dexd.controller.replay.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.daemon.Daemon;
import dev.dexd.controller.daemon.SimRig;
import dev.dexd.controller.log.RunSummary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plots of a lockstep run: every file written, a real PNG of the expected size, an error series that moves. */
class RunPlotsTest {
    @Test
    void drawsEveryPlotOfALockstepRun(@TempDir Path dir) throws Exception {
        SimRig rig = new SimRig(dir);
        Daemon d = SimRig.runLockstep(rig.config("plot"), 20.0, 5L);
        Path out = Path.of(System.getProperty("dexd.plot.out", dir.resolve("plots").toString()));
        RunPlots.Result r = RunPlots.write(d.logDirectory(), out, n -> { });
        RunSummary s = RunSummary.compute(d.logDirectory(), n -> { }, false);
        assertEquals(s.steps(), r.steps());
        List<String> names = r.files().stream().map(f -> f.getFileName().toString()).toList();
        assertEquals(List.of("lateness.png", "inference.png", "targets.png", "timeline.png", "orientation-error.png"), names);
        for (Path f : r.files()) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertTrue(img != null && img.getWidth() >= 1000 && img.getHeight() >= 400, f + " is a readable PNG");
            assertTrue(Files.size(f) < 400_000, f + " is " + Files.size(f) + " bytes");
            assertTrue(colours(img) > 3, f + " has more than a background");
        }
        // the demo policy takes rel_goal_quat: the error is there and is an angle
        GoalOrientation g = GoalOrientation.fromManifest(d.logDirectory().toFile().exists()
            ? dev.dexd.controller.log.StepLogReader.open(d.logDirectory()).header().manifestYaml() : "");
        assertEquals(GoalOrientation.Source.REL_GOAL_QUAT, g.source);
        LogSeries series = LogSeries.read(d.logDirectory(), g.columns, n -> { });
        double[] err = g.errorDegrees(series);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double e : err) {
            if (!Double.isNaN(e)) {
                assertTrue(e >= 0 && e <= 180, "error " + e);
                min = Math.min(min, e);
                max = Math.max(max, e);
            }
        }
        assertTrue(max > min, "the error changes over the run: " + min + " .. " + max);
    }

    @Test
    void saysWhyThereIsNoOrientationErrorWithoutAGoalFeature() {
        GoalOrientation g = GoalOrientation.fromManifest("observation:\n  features:\n    - {name: joint_pos, size: 24}\n");
        assertEquals(GoalOrientation.Source.NONE, g.source);
        assertTrue(g.why.contains("neither rel_goal_quat nor goal_quat"), g.why);
    }

    private static int colours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void drawsThePerturbationPlotForARunWithPerturbations(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("perturbed");
        dev.dexd.controller.log.LogFixtures.writePerturbedRun(log);
        Path out = Path.of(System.getProperty("dexd.plot.out", dir.resolve("plots").toString()));
        RunPlots.Result r = RunPlots.write(log, out, n -> { });
        List<String> names = r.files().stream().map(f -> f.getFileName().toString()).toList();
        assertTrue(names.contains("perturbations.png"), names.toString());
        Path f = out.resolve("perturbations.png");
        BufferedImage img = ImageIO.read(f.toFile());
        assertTrue(img != null && img.getWidth() >= 1000 && img.getHeight() >= 400, f + " is a readable PNG");
        assertTrue(colours(img) > 3, f + " has more than a background");

        // a run without perturbations has no such plot
        Path plain = dir.resolve("plain");
        dev.dexd.controller.log.LogFixtures.writeRun(plain, 50);
        RunPlots.Result p = RunPlots.write(plain, dir.resolve("plain-plots"), n -> { });
        assertTrue(p.files().stream().noneMatch(x -> x.getFileName().toString().equals("perturbations.png")));
    }
}
