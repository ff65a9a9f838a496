package dev.dexd.policy.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import dev.dexd.policy.PolicyException;
import dev.dexd.policy.manifest.ManifestLoader;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.model.DemoPolicy;
import dev.dexd.policy.model.ReferencePolicy;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyRunnerTest {
    static final int HIDDEN = 32;
    static Path dir;
    static DemoPolicy demo;

    @BeforeAll
    static void writeDemo(@TempDir Path tmp) throws IOException {
        dir = tmp;
        demo = DemoPolicy.generate(HIDDEN, 5);
        demo.write(dir);
    }

    static PolicyManifest manifest() {
        return ManifestLoader.load(dir.resolve("demo-lstm.yaml"));
    }

    /** A variant of the demo manifest, text-edited, beside the same model. */
    static PolicyManifest edited(String from, String to) throws IOException {
        String yaml = Files.readString(dir.resolve("demo-lstm.yaml"));
        assertTrue(yaml.contains(from), "fixture edit applies: " + from);
        Path p = dir.resolve("edited-" + Integer.toHexString((from + to).hashCode()) + ".yaml");
        Files.writeString(p, yaml.replace(from, to));
        return ManifestLoader.load(p);
    }

    static void randomObservation(SplittableRandom r, FloatBuffer obs, float[] copy) {
        for (int i = 0; i < copy.length; i++) {
            copy[i] = (float) (r.nextDouble() * 4 - 2);
            obs.put(i, copy[i]);
        }
    }

    @Test
    void carriesStateLikeTheReferenceAndResetRestartsTheEpisode() throws OrtException {
        try (PolicyRunner runner = PolicyRunner.open(manifest())) {
            ReferencePolicy ref = demo.reference();
            SplittableRandom r = new SplittableRandom(11);
            float[] obs = new float[54];
            float[] expected = new float[220];
            for (int step = 0; step < 300; step++) {
                if (step == 150) {
                    runner.reset();
                    ref.reset();
                }
                randomObservation(r, runner.observation(), obs);
                runner.run();
                ref.step(obs, expected);
                for (int i = 0; i < 220; i++) {
                    assertEquals(expected[i], runner.logits().get(i), 1e-4, "step " + step + " logit " + i);
                }
            }
            assertEquals(300, runner.steps());
        }
    }

    @Test
    void sameObservationsGiveTheSameOutputsBitForBit() throws OrtException {
        try (PolicyRunner a = PolicyRunner.open(manifest()); PolicyRunner b = PolicyRunner.open(manifest())) {
            SplittableRandom ra = new SplittableRandom(3);
            SplittableRandom rb = new SplittableRandom(3);
            float[] tmp = new float[54];
            for (int step = 0; step < 200; step++) {
                randomObservation(ra, a.observation(), tmp);
                randomObservation(rb, b.observation(), tmp);
                a.run();
                b.run();
                for (int i = 0; i < 220; i++) {
                    assertEquals(Float.floatToRawIntBits(a.logits().get(i)), Float.floatToRawIntBits(b.logits().get(i)));
                }
                for (int s = 0; s < a.statePairs(); s++) {
                    assertEquals(a.state(s), b.state(s));
                }
            }
        }
    }

    @Test
    void namesEachMismatchBetweenModelAndManifest() throws IOException {
        assertMismatch(edited("tensor: obs", "tensor: observation"), "observation.tensor: the model has no input 'observation'");
        assertMismatch(edited("{input: h_in, output: h_out, shape: [1, 1, " + HIDDEN + "]}",
            "{input: h_in, output: h_out, shape: [1, 1, 64]}"), "state[0].input: input 'h_in' has shape [1, 1, 32], expected [1, 1, 64]");
        assertMismatch(edited("tensor: logits", "tensor: actions"), "action.tensor: the model has no output 'actions'");
        assertMismatch(edited("bins: 11", "bins: 10\n  bin_values: [-1, -0.8, -0.6, -0.4, -0.2, 0.2, 0.4, 0.6, 0.8, 1]"),
            "expected [1, 20, 10] (20 actuators x 10 bins)");
        assertMismatch(edited(", A_THJ0]", "]"), "expected [1, 19, 11] (19 actuators x 11 bins)");
        String fewer = Files.readString(dir.resolve("demo-lstm.yaml")).replace("    - {name: cube_pos, size: 3}\n", "")
            .replaceAll("(?m)^  normalization:.*$", "");
        Path f = dir.resolve("fewer.yaml");
        Files.writeString(f, fewer);
        assertMismatch(ManifestLoader.load(f), "input 'obs' has shape [1, 54], expected [1, 51]");
        String noState = Files.readString(dir.resolve("demo-lstm.yaml")).replaceAll("(?s)state:.*?action:", "action:");
        Path p = dir.resolve("nostate.yaml");
        Files.writeString(p, noState);
        assertMismatch(ManifestLoader.load(p), "model input 'h_in' is not fed by the manifest");
    }

    private static void assertMismatch(PolicyManifest m, String expected) {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyRunner.open(m).close());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("model demo-lstm.onnx does not match manifest"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void missingOrCorruptModelIsOneClearLine() throws IOException {
        PolicyException missing = assertThrows(PolicyException.class,
            () -> PolicyRunner.open(edited("model: demo-lstm.onnx", "model: gone.onnx")));
        assertTrue(missing.getMessage().startsWith("model not found: "), missing.getMessage());

        Files.write(dir.resolve("corrupt.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        PolicyException corrupt = assertThrows(PolicyException.class,
            () -> PolicyRunner.open(edited("model: demo-lstm.onnx", "model: corrupt.onnx")));
        assertTrue(corrupt.getMessage().startsWith("cannot load model "), corrupt.getMessage());
        assertTrue(corrupt.getMessage().contains("not a valid ONNX model"), corrupt.getMessage());
        assertTrue(!corrupt.getMessage().contains("\n"));
    }
}
