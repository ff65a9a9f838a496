package dev.dexd.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import dev.dexd.policy.bench.PolicyBenchmark;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.model.DemoPolicy;
import dev.dexd.policy.model.DivergingPolicy;
import dev.dexd.policy.onnx.PolicyRunner;
import dev.dexd.policy.observation.SensorSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStepTest {
    static PolicyManifest manifest;

    @BeforeAll
    static void writeDemo(@TempDir Path dir) throws IOException {
        DemoPolicy.generate(64, 9).write(dir);
        manifest = ManifestLoader.load(dir.resolve("demo-lstm.yaml"));
    }

    static void sensors(SensorSnapshot s, int step) {
        for (int i = 0; i < 15; i++) {
            s.fingertipPos[i] = 0.05 + 0.001 * ((step * 7 + i) % 13);
        }
        s.cubePos[2] = 0.35 + 0.001 * (step % 5);
        double a = 0.05 * step;
        s.cubeQuat[0] = Math.cos(a / 2);
        s.cubeQuat[3] = Math.sin(a / 2);
        s.cubeFaceAngles[0] = 0.02 * (step % 9);
    }

    @Test
    void aNonFiniteObservationHoldsAndDoesNotAdvanceTheState() throws OrtException {
        try (PolicyStep withNan = PolicyStep.open(manifest, 0); PolicyStep clean = PolicyStep.open(manifest, 0)) {
            SensorSnapshot s = new SensorSnapshot();
            double[] current = new double[20];
            double[] t1 = new double[20];
            double[] t2 = new double[20];
            for (int step = 0; step < 50; step++) {
                sensors(s, step);
                assertEquals(PolicyStep.RAN, withNan.step(s, current, t1));
                clean.step(s, current, t2);
                if (step == 20) {
                    double before = s.cubePos[1];
                    s.cubePos[1] = Double.NaN;
                    double[] held = t1.clone();
                    assertEquals(PolicyStep.HELD, withNan.step(s, current, t1));
                    assertArrayEquals(held, t1, "hold keeps the targets unchanged");
                    s.cubePos[1] = before;
                }
                assertArrayEquals(t2, t1, "step " + step);
            }
        }
    }

    @Test
    void resetZeroesTheStateSoAnEpisodeRepeatsExactly() throws OrtException {
        try (PolicyStep p = PolicyStep.open(manifest, 0.3)) {
            SensorSnapshot s = new SensorSnapshot();
            double[] current = new double[20];
            double[][] first = new double[30][20];
            for (int step = 0; step < 30; step++) {
                sensors(s, step);
                p.step(s, current, first[step]);
            }
            p.reset();
            double[] t = new double[20];
            for (int step = 0; step < 30; step++) {
                sensors(s, step);
                p.step(s, current, t);
                assertArrayEquals(first[step], t);
            }
        }
    }

    @Test
    void dexdsPartAllocatesNothingAndTheWholeStepUnderAKilobyte() throws OrtException {
        try (PolicyStep p = PolicyStep.open(manifest, 0)) {
            // a long warm-up: until the JIT settles, compilation itself shows up as allocation
            PolicyBenchmark.Result r = new PolicyBenchmark(p).run(20_000, 10_000, n -> { });
            assertEquals(0.0, r.dexdBytesPerStep(), "assemble + decode");
            assertTrue(r.fullBytesPerStep() <= 1024, "full step allocates " + r.fullBytesPerStep() + " bytes");
            assertTrue(Math.abs(r.fullBytesPerStep() - r.bareBytesPerStep()) < 1.0,
                "full step allocates only what the bare ORT call does: " + r.fullBytesPerStep() + " vs " + r.bareBytesPerStep());
        }
    }

    @Test
    void aModelWhoseOutputsAreNotFiniteOnTheNeutralObservationIsRefusedAtOpenInOneLine(@TempDir Path dir) {
        PolicyManifest m = ManifestLoader.load(DivergingPolicy.nanWeight().write(dir));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyStep.open(m, 0).close());
        assertTrue(e.getMessage().contains(m.model().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'logits'") && e.getMessage().contains("export it again"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void nonFiniteOutputsHoldAndNeverEnterTheCarriedState(@TempDir Path dir) throws OrtException {
        DivergingPolicy model = DivergingPolicy.growing(1e4f);
        int finite = model.finiteSteps();
        assertTrue(finite > 3 && finite < 20, "finite steps " + finite);
        PolicyManifest m = ManifestLoader.load(model.write(dir));
        try (PolicyStep p = PolicyStep.open(m, 0)) {
            SensorSnapshot s = new SensorSnapshot();
            double[] current = new double[20];
            double[] targets = new double[20];
            float[] lastFinite = new float[8];
            for (int step = 0; step < finite; step++) {
                sensors(s, step);
                assertEquals(PolicyStep.RAN, p.step(s, current, targets), "step " + step);
                assertEquals(-1, p.nonFiniteOutput());
            }
            p.runner().state(0).get(0, lastFinite);
            for (int step = finite; step < finite + 5; step++) {
                double[] held = targets.clone();
                sensors(s, step);
                assertEquals(PolicyStep.HELD_OUTPUT, p.step(s, current, targets), "step " + step);
                assertTrue(p.nonFiniteOutput() >= 0);
                assertArrayEquals(held, targets, "the targets hold");
                float[] state = new float[8];
                p.runner().state(0).get(0, state);
                assertArrayEquals(lastFinite, state, "the carried state is the last finite one");
            }
            p.reset();
            sensors(s, 0);
            assertEquals(PolicyStep.RAN, p.step(s, current, targets), "a reset starts again from zero state");
        }
    }

    @Test
    void theNeutralProbeLeavesZeroStateSoAnOpenedRunnerMatchesAReset() throws OrtException {
        try (PolicyRunner r = PolicyRunner.open(manifest)) {
            for (int i = 0; i < r.statePairs(); i++) {
                for (int k = 0; k < r.state(i).capacity(); k++) {
                    assertEquals(0f, r.state(i).get(k));
                }
            }
            assertEquals(0, r.steps());
        }
    }
}
