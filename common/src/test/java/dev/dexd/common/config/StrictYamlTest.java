package dev.dexd.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictYamlTest {
    @TempDir
    Path dir;

    ConfigNode parse(String yaml) {
        return StrictYaml.parse(new ConfigSource("config", Path.of("c.yaml"), yaml));
    }

    String error(Runnable r) {
        ConfigError e = assertThrows(ConfigError.class, r::run);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void duplicatesAreRefusedAtEveryDepthWithPathAndLines() {
        assertEquals("config c.yaml line 3: a: duplicate key (first at line 1): keep one, YAML would silently use the last",
            error(() -> parse("a: 1\nb: 2\na: 3\n")));
        assertTrue(error(() -> parse("a:\n  b:\n    c: 1\n    c: 1\n")).startsWith("config c.yaml line 4: a.b.c: duplicate key"));
        assertTrue(error(() -> parse("l:\n  - {x: 1}\n  - {x: 1, x: 2}\n")).startsWith("config c.yaml line 3: l[1].x: duplicate"));
    }

    @Test
    void valuesKnowTheirLineAndPath() {
        ConfigNode root = parse("# comment\ns:\n  n: 5\n  l: [1, 2.5, x]\n");
        ConfigNode s = root.section("s");
        assertEquals(2, s.line());
        assertEquals("s.n", s.get("n").path());
        assertEquals(3, s.get("n").line());
        List<ConfigNode> l = s.list("l");
        assertEquals("s.l[2]", l.get(2).path());
        assertEquals(2.5, l.get(1).asNumber(0, 3));
        assertEquals("config c.yaml line 4: s.l[2]: expected a finite number, got 'x'", error(l.get(2)::asFinite));
        assertEquals("config c.yaml line 4: s.l[0]: expected a whole number from 2 to 3, got '1'",
            error(() -> l.get(0).asInteger(2, 3)));
    }

    @Test
    void absentAndNullAreTheSameAndTakeTheDefault() {
        ConfigNode root = parse("a:\nb: {}\n");
        assertFalse(root.has("a"));
        assertFalse(root.section("a").isPresent());
        assertEquals(7, root.section("a").integer("x", 7, 0, 10));
        assertEquals(7, root.section("missing").integer("x", 7, 0, 10));
        assertEquals("config c.yaml line 2: b.x: missing", error(() -> root.section("b").text("x")));
        root.rejectUnknownKeys();
    }

    @Test
    void keysNoGetterAskedForAreUnknown() {
        ConfigNode root = parse("s: {a: 1, b: 2}\nt: 1\n");
        root.section("s").integer("a", 0, 0, 9);
        root.has("t");
        assertEquals("config c.yaml line 1: s.b: unknown key (known here: a)", error(root::rejectUnknownKeys));
        ConfigNode free = parse("h: {a: 1, b: [1, 2]}\n");
        free.section("h").entries();
        free.rejectUnknownKeys();
    }

    @Test
    void typesAreNotCoerced() {
        ConfigNode root = parse("q: \"12\"\nb: yes\nf: 1.0\nm: {k: v}\n");
        assertEquals("config c.yaml line 1: q: expected a whole number from 0 to 99, got '12' (text: write numbers without"
            + " quotes)", error(() -> root.integer("q", 0, 0, 99)));
        assertTrue(error(() -> root.bool("b", false)).endsWith("b: expected true or false, got 'yes'"));
        assertTrue(error(() -> root.integer("f", 0, 0, 99)).endsWith("f: expected a whole number from 0 to 99, got '1.0'"));
        assertTrue(error(() -> root.text("m")).endsWith("m: expected text, got a mapping"));
        assertEquals("12", root.text("q"));
        ConfigNode yaml11 = parse("n: no\nt: True\nh: 0x1F\ni: .inf\nz: .nan\n");
        assertEquals("no", yaml11.text("n"));
        assertTrue(yaml11.bool("t", false));
        assertEquals(31, yaml11.integer("h", 0, 0, 99));
        assertTrue(error(() -> yaml11.number("i", 0, 0, 1e9)).endsWith("i: expected a number from 0.0 to 1.0E9, got 'Infinity'"));
        assertTrue(error(() -> yaml11.get("z").asFinite()).endsWith("z: expected a finite number, got 'NaN'"));
        assertTrue(error(() -> parse("o: 012\n")).endsWith("line 1: o: '012' has a leading zero, which YAML reads as octal"
            + " (10): write it without the zero"));
    }

    @Test
    void refusesWhatIsNotOneMappingInOneDocument() {
        assertTrue(error(() -> parse("- a\n- b\n")).endsWith("expected a YAML mapping of keys, got a list"));
        assertTrue(error(() -> parse("a: 1\n---\nb: 2\n")).contains("more than one YAML document"));
        assertTrue(error(() -> parse("a: [1, 2\n")).contains("not valid YAML"));
        assertFalse(parse("").has("a"));
    }

    @Test
    void readNamesAMissingOrHugeFileOrADirectory() throws IOException {
        assertEquals("config not found: " + dir.resolve("no.yaml") + " (pass --config FILE)",
            error(() -> StrictYaml.read("config", dir.resolve("no.yaml"), "pass --config FILE")));
        assertTrue(error(() -> StrictYaml.read("manifest", dir, "x")).endsWith("it is a directory"));
        Path big = dir.resolve("big.yaml");
        try (var out = Files.newOutputStream(big)) {
            out.write(new byte[(int) StrictYaml.MAX_BYTES + 1]);
        }
        assertTrue(error(() -> StrictYaml.read("config", big, "x")).contains("bytes, more than a config can be"));
        Path ok = Files.writeString(dir.resolve("ok.yaml"), "p: sub/x.onnx\n");
        assertEquals(dir.resolve("sub/x.onnx"), StrictYaml.read("manifest", ok, "x").path("p", null));
    }
}
