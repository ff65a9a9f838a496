package dev.dexd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dexd.policy.PolicyStep;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.model.DemoPolicy;
import dev.dexd.policy.model.ReferencePolicy;
import dev.dexd.policy.model.TorchStylePolicy;
import dev.dexd.policy.observation.SensorSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandsTest {
    static Path dir;
    static Path manifest;

    @BeforeAll
    static void makeDemo(@TempDir Path tmp) {
        dir = tmp;
        CliRunner.Run r = CliRunner.run("policy", "make-demo", "--hidden", "32", "--seed", "4", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        manifest = tmp.resolve("demo-lstm.yaml");
    }

    @Test
    void makeDemoWritesTheModelAndItsManifest() {
        assertTrue(Files.isRegularFile(dir.resolve("demo-lstm.onnx")));
        PolicyManifest m = ManifestLoader.load(manifest);
        assertEquals(54, m.observationSize());
        assertEquals(20, m.action().actuators().size());
    }

    @Test
    void inspectShowsTheModelAndChecksTheManifest() {
        CliRunner.Run r = CliRunner.run("policy", "inspect", dir.resolve("demo-lstm.onnx").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("obs  float [1, 54]"), r.out());
        assertTrue(r.out().contains("opset:      ai.onnx 17"), r.out());
        assertTrue(r.out().contains("parameters: " + DemoPolicy.generate(32, 4).parameterCount()), r.out());
        assertTrue(r.out().matches("(?s).*sha256:     [0-9a-f]{64}.*"), r.out());
        assertTrue(r.out().contains("check:      OK"), r.out());
    }

    @Test
    void inspectFailsOnAMismatchedManifest() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(manifest).replace("tensor: logits", "tensor: action_logits"));
        CliRunner.Run r = CliRunner.run("policy", "inspect", dir.resolve("demo-lstm.onnx").toString(), "--manifest", bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("action.tensor: the model has no output 'action_logits'"), r.out());
    }

    @Test
    void missingAndCorruptModelsAreOneLineUserErrors() throws IOException {
        CliRunner.Run missing = CliRunner.run("policy", "inspect", dir.resolve("nope.onnx").toString());
        assertEquals(1, missing.exit());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("dexd: model not found"), missing.err());

        Path corrupt = dir.resolve("corrupt.onnx");
        Files.write(corrupt, "this is not a model".getBytes());
        CliRunner.Run bad = CliRunner.run("policy", "inspect", corrupt.toString());
        assertEquals(1, bad.exit());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("not an ONNX model"), bad.err());
    }

    @Test
    void usageErrorsExitOne() {
        assertEquals(1, CliRunner.run("policy", "rollout", "--manifest", manifest.toString()).exit());
        assertEquals(1, CliRunner.run("policy", "make-demo", "--hidden", "zero").exit());
        assertEquals(1, CliRunner.run("nonsense").exit());
        assertEquals(0, CliRunner.run("policy", "bench", "--help").exit());
    }

    /** The rollout must compute exactly what the daemon's policy step computes from the same sensors. */
    @Test
    void rolloutMatchesTheDaemonsPolicyStepBitForBit() throws IOException, OrtException {
        int steps = 40;
        PolicyManifest m = ManifestLoader.load(manifest);
        StringBuilder csv = new StringBuilder("# raw observation rows\n");
        float[][] expectedLogits = new float[steps][220];
        int[][] expectedBins = new int[steps][20];
        try (PolicyStep step = PolicyStep.open(m, 0)) {
            SensorSnapshot s = new SensorSnapshot();
            SplittableRandom r = new SplittableRandom(5);
            double[] current = new double[20];
            double[] targets = new double[20];
            for (int t = 0; t < steps; t++) {
                for (int i = 0; i < 15; i++) {
                    s.fingertipPos[i] = 0.05 + 0.02 * r.nextDouble();
                }
                s.cubePos[2] = 0.35 + 0.01 * r.nextDouble();
                s.cubeFaceAngles[1] = r.nextDouble() - 0.5;
                step.step(s, current, targets);
                double[] raw = step.rawObservation();
                for (int i = 0; i < raw.length; i++) {
                    csv.append(i == 0 ? "" : ",").append(raw[i]);
                }
                csv.append('\n');
                for (int i = 0; i < 220; i++) {
                    expectedLogits[t][i] = step.logits().get(i);
                }
                System.arraycopy(step.bins(), 0, expectedBins[t], 0, 20);
            }
        }
        Path obs = dir.resolve("daemon-obs.csv");
        Files.writeString(obs, csv);
        Path out = dir.resolve("daemon-out.csv");
        CliRunner.Run r = CliRunner.run("policy", "rollout", "--manifest", manifest.toString(), "--obs", obs.toString(),
            "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> rows = Files.readAllLines(out);
        assertEquals(steps + 1, rows.size());
        assertTrue(rows.get(0).startsWith("step,bin_A_WRJ1,"), rows.get(0));
        for (int t = 0; t < steps; t++) {
            String[] cells = rows.get(t + 1).split(",");
            assertEquals(1 + 20 + 220, cells.length);
            assertEquals(t, Integer.parseInt(cells[0]));
            for (int a = 0; a < 20; a++) {
                assertEquals(expectedBins[t][a], Integer.parseInt(cells[1 + a]), "step " + t + " bin " + a);
            }
            for (int i = 0; i < 220; i++) {
                assertEquals(Float.floatToIntBits(expectedLogits[t][i]), Float.floatToIntBits(Float.parseFloat(cells[21 + i])),
                    "step " + t + " logit " + i);
            }
        }
    }

    /** A model shaped like PyTorch's exporter output (names, state [1,1,H], no normalisation) works given a manifest. */
    @Test
    void rolloutRunsATorchExportedStyleModelWithResets() throws IOException {
        TorchStylePolicy torch = TorchStylePolicy.generate(24, 3);
        Path tdir = dir.resolve("torch");
        Path tmanifest = torch.write(tdir);
        int steps = 30;
        SplittableRandom r = new SplittableRandom(8);
        float[][] obs = new float[steps][54];
        StringBuilder csv = new StringBuilder();
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < 54; i++) {
                obs[t][i] = (float) (r.nextDouble() * 2 - 1);
                csv.append(i == 0 ? "" : ",").append(obs[t][i]);
            }
            csv.append('\n');
        }
        Path in = tdir.resolve("obs.csv");
        Files.writeString(in, csv);
        Path out = tdir.resolve("out.csv");
        CliRunner.Run run = CliRunner.run("policy", "rollout", "--manifest", tmanifest.toString(), "--obs", in.toString(),
            "--out", out.toString(), "--reset-every", "10");
        assertEquals(0, run.exit(), run.err());
        List<String> rows = Files.readAllLines(out);
        ReferencePolicy ref = torch.reference();
        float[] logits = new float[220];
        for (int t = 0; t < steps; t++) {
            if (t % 10 == 0) {
                ref.reset();
            }
            ref.step(obs[t], logits);
            String[] cells = rows.get(t + 1).split(",");
            for (int i = 0; i < 220; i++) {
                assertEquals(logits[i], Float.parseFloat(cells[21 + i]), 1e-4, "step " + t + " logit " + i);
            }
        }
    }

    @Test
    void malformedCsvNamesTheLineAndLeavesNoOutput() throws IOException {
        Path obs = dir.resolve("bad.csv");
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 54; i++) {
            row.append(i == 0 ? "" : ",").append("0.1");
        }
        Files.writeString(obs, row + "\n" + row + ",0.2\n");
        Path out = dir.resolve("bad-out.csv");
        CliRunner.Run r = CliRunner.run("policy", "rollout", "--manifest", manifest.toString(), "--obs", obs.toString(),
            "--out", out.toString());
        assertEquals(1, r.exit());
        assertEquals("dexd: " + obs + " line 2: expected 54 columns, got 55 (one column per observation element, manifest order)",
            r.err().strip());
        assertFalse(Files.exists(out));

        Files.writeString(obs, row.toString().replaceFirst("0\\.1", "NaN") + "\n");
        CliRunner.Run nan = CliRunner.run("policy", "rollout", "--manifest", manifest.toString(), "--obs", obs.toString(),
            "--out", out.toString());
        assertEquals(1, nan.exit());
        assertTrue(nan.err().contains("line 1, column 1: NaN is not finite"), nan.err());
    }

    @Test
    void benchReportsBothPathsAsJson() throws IOException {
        CliRunner.Run r = CliRunner.run("policy", "bench", "--manifest", manifest.toString(), "--steps", "500",
            "--warmup", "200", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(500, j.get("steps").asInt());
        assertTrue(j.get("bare_ort_us").get("p50").asDouble() > 0);
        assertTrue(j.get("full_step_us").get("p99_9").asDouble() > 0);
        assertTrue(j.get("ratio_p50").asDouble() > 0);
        assertTrue(j.has("dexd_bytes_per_step"));
    }
}
