package dev.dexd.policy.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.policy.PolicyException;
import dev.dexd.policy.manifest.PolicyManifest.Mapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
    static final String VALID = """
        model: m.onnx
        period_ms: 80
        observation:
          tensor: obs
          features:
            - {name: cube_pos, size: 3}
            - {name: cube_quat, size: 4}
        state:
          - {input: h_in, output: h_out, shape: [1, 1, 8]}
        action:
          tensor: logits
          bins: 11
          mapping: relative
          actuators: [A_WRJ1, A_WRJ0]
        """;

    @TempDir
    Path dir;

    PolicyManifest load(String yaml) throws IOException {
        Path p = dir.resolve("m.yaml");
        Files.writeString(p, yaml);
        return ManifestLoader.load(p);
    }

    String error(String yaml) {
        PolicyException e = assertThrows(PolicyException.class, () -> load(yaml));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void loadsAValidManifest() throws IOException {
        PolicyManifest m = load(VALID);
        assertEquals(dir.resolve("m.onnx").toAbsolutePath(), m.model());
        assertEquals(80, m.periodMs());
        assertEquals(7, m.observationSize());
        assertEquals(3, m.features().get(1).offset());
        assertNull(m.normalization());
        assertArrayEquals(new long[] {1, 1, 8}, m.state().get(0).shape());
        assertEquals(8, m.state().get(0).elements());
        assertEquals(Mapping.RELATIVE, m.action().mapping());
        assertEquals(-1.0, m.action().binValues()[0], 1e-12);
        assertEquals(-0.6, m.action().binValues()[2], 1e-12);
        assertEquals(1.0, m.action().binValues()[10], 1e-12);
    }

    @Test
    void readsNormalization() throws IOException {
        PolicyManifest m = load(VALID.replace("    - {name: cube_quat, size: 4}\n",
            "    - {name: cube_quat, size: 4}\n  normalization: {mean: [0,0,0,0,0,0,0.5], std: [1,1,1,1,1,1,2], clip: 5.0}\n"));
        assertEquals(0.5f, m.normalization().mean()[6]);
        assertEquals(2f, m.normalization().std()[6]);
        assertEquals(5f, m.normalization().clip());
    }

    @Test
    void namesTheKeyPathOfEachProblem() {
        assertTrue(error(VALID.replace("cube_quat", "cube_colour")).contains(
            "observation.features[1].name: unknown feature 'cube_colour'"));
        assertTrue(error(VALID.replace("{name: cube_pos, size: 3}", "{name: cube_pos, size: 4}")).contains(
            "observation.features[0].size: feature 'cube_pos' has 3 values, not 4"));
        assertTrue(error(VALID.replace("mapping: relative", "mapping: sideways")).contains(
            "line 13: action.mapping: expected one of [absolute, relative], got 'sideways'"));
        assertTrue(error(VALID.replace("period_ms: 80", "period_ms: -3")).contains(
            "line 2: period_ms: expected a positive whole number, got '-3'"));
        assertTrue(error(VALID.replace("  tensor: logits\n", "")).contains("action.tensor: missing"));
        assertTrue(error(VALID.replace("shape: [1, 1, 8]", "shape: [1, x, 8]")).contains("state[0].shape[1]"));
        assertTrue(error(VALID.replace("[A_WRJ1, A_WRJ0]", "[A_WRJ1, A_WRJ1]")).contains("listed twice"));
        assertTrue(error(VALID + "extra: 1\n").contains("extra: unknown key"));
        assertTrue(error(VALID.replace("    - {name: cube_quat, size: 4}\n",
            "    - {name: cube_quat, size: 4}\n  normalization: {mean: [0,0], std: [1,1]}\n"))
            .contains("observation.normalization.mean: expected 7 numbers"));
        assertTrue(error(VALID.replace("    - {name: cube_quat, size: 4}\n",
            "    - {name: cube_quat, size: 4}\n  normalization: {mean: [0,0,0,0,0,0,0], std: [1,1,1,0,1,1,1]}\n"))
            .contains("observation.normalization.std[3]: expected a positive number"));
        assertTrue(error("model: [unclosed").contains("not valid YAML"));
    }

    @Test
    void aDuplicateKeyIsRefusedWithItsPathAndBothLines() {
        // YAML parsers keep the last value: this once switched a policy from relative to absolute
        String e = error(VALID.replace("  mapping: relative\n", "  mapping: relative\n  mapping: absolute\n"));
        assertTrue(e.endsWith("m.yaml line 14: action.mapping: duplicate key (first at line 13): keep one, YAML would"
            + " silently use the last"), e);
        e = error(VALID.replace("    - {name: cube_pos, size: 3}", "    - {name: cube_pos, size: 3, size: 4}"));
        assertTrue(e.contains("line 6: observation.features[0].size: duplicate key"), e);
    }

    @Test
    void unknownKeysAreRefusedAtEveryLevel() {
        String e = error(VALID.replace("    - {name: cube_pos, size: 3}", "    - {name: cube_pos, size: 3, scale: 2}"));
        assertTrue(e.contains("line 6: observation.features[0].scale: unknown key (known here: name, size)"), e);
        e = error(VALID.replace("  bins: 11\n", "  bins: 11\n  binz: 12\n"));
        assertTrue(e.contains("line 13: action.binz: unknown key (known here: "), e);
        e = error(VALID.replace("shape: [1, 1, 8]}", "shape: [1, 1, 8], size: 3}"));
        assertTrue(e.contains("state[0].size: unknown key"), e);
    }

    @Test
    void wrongTypesAreRefusedWithWhatIsExpected() {
        String e = error(VALID.replace("bins: 11", "bins: \"11\""));
        assertTrue(e.contains("line 12: action.bins: expected a positive whole number, got '11' (text: write numbers"
            + " without quotes)"), e);
        e = error(VALID.replace("bins: 11", "bins: 11.5"));
        assertTrue(e.contains("action.bins: expected a positive whole number, got '11.5'"), e);
        e = error(VALID.replace("actuators: [A_WRJ1, A_WRJ0]", "actuators: A_WRJ1"));
        assertTrue(e.contains("action.actuators: expected a list, got 'A_WRJ1'"), e);
        e = error(VALID.replace("  tensor: obs\n", "  tensor: {name: obs}\n"));
        assertTrue(e.contains("line 4: observation.tensor: expected text, got a mapping"), e);
    }

    @Test
    void missingFileSaysSo() {
        PolicyException e = assertThrows(PolicyException.class, () -> ManifestLoader.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().startsWith("manifest not found"));
    }
}
