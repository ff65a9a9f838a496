package dev.dexd.drivers.hand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandConfigTest {
    @TempDir
    Path tmp;

    private Path write(String yaml) throws IOException {
        Files.createDirectories(tmp.resolve("cfg"));
        return Files.writeString(tmp.resolve("cfg/dexd.yaml"), yaml);
    }

    @Test
    void readsTheShippedSimConfig() {
        Path file = Path.of(System.getProperty("dexd.configs.dir", "../configs"), "sim.yaml");
        HandConfig c = HandConfig.load(file);
        assertEquals("dexd_mujoco", c.library());
        assertEquals(file.toAbsolutePath().getParent().resolve("sim/shadow_hand_cube.xml").normalize().toString(),
            c.option("model").orElseThrow());
        assertEquals("lockstep", c.option("clock").orElseThrow());
        assertEquals("0.7..1.3", c.option("friction_scale").orElseThrow());
        assertTrue(c.nativeConfig().startsWith("model=/"), c.nativeConfig());
        assertTrue(c.nativeConfig().contains(";clock=lockstep;"), c.nativeConfig());
    }

    @Test
    void ignoresOtherSectionsAndResolvesPathsAgainstTheFile() throws IOException {
        Path f = write("policy:\n  model: x.onnx\nhand:\n  library: ../lib/libmyhand.so\n  model: m.xml\n"
            + "  calibration_file: cal.yaml\n  port: eth0\n  gains: [1, 2]\ncontrol:\n  rate: 12.5\n");
        HandConfig c = HandConfig.load(f);
        assertEquals(tmp.resolve("lib/libmyhand.so").toString(), c.library());
        assertEquals("model=" + tmp.resolve("cfg/m.xml") + ";calibration_file=" + tmp.resolve("cfg/cal.yaml")
            + ";port=eth0;gains=1..2", c.nativeConfig());
        assertEquals("eth0", c.with("clock", "realtime").option("port").orElseThrow());
        assertEquals("realtime", c.with("clock", "realtime").option("clock").orElseThrow());
    }

    @Test
    void namesWhatIsWrong() throws IOException {
        HandException e = assertThrows(HandException.class, () -> HandConfig.load(tmp.resolve("none.yaml")));
        assertTrue(e.getMessage().startsWith("config not found: " + tmp.resolve("none.yaml") + " (pass --config FILE"),
            e.getMessage());
        Path f = write("policy: {}\n");
        e = assertThrows(HandException.class, () -> HandConfig.load(f));
        assertEquals("config " + f + ": hand: missing: the section that names the hand library and its options"
            + " (e.g. hand: {library: dexd_mujoco})", e.getMessage());
        Path g = write("hand:\n  model: m.xml\n");
        e = assertThrows(HandException.class, () -> HandConfig.load(g));
        assertTrue(e.getMessage().contains("line 1: hand.library: missing"), e.getMessage());
        Path h = write("hand:\n  library: x\n  nested:\n    a: 1\n");
        e = assertThrows(HandException.class, () -> HandConfig.load(h));
        assertTrue(e.getMessage().endsWith("line 3: hand.nested: expected a single value or a [lo, hi] pair"),
            e.getMessage());
        Path i = write("hand:\n  library: x\n  model: [unclosed\n");
        e = assertThrows(HandException.class, () -> HandConfig.load(i));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        Path j = write("hand:\n  library: x\n  port: a;b\n");
        e = assertThrows(HandException.class, () -> HandConfig.load(j));
        assertTrue(e.getMessage().contains("line 3: hand.port: values cannot contain"), e.getMessage());
        Path k = write("hand:\n  library: x\n  watchdog_ms: 200\n  watchdog_ms: 0\n");
        e = assertThrows(HandException.class, () -> HandConfig.load(k));
        assertTrue(e.getMessage().endsWith("line 4: hand.watchdog_ms: duplicate key (first at line 3): keep one, YAML"
            + " would silently use the last"), e.getMessage());
    }

    @Test
    void locatesTheDefaultConfig() throws IOException {
        assertEquals(Path.of("given.yaml"), HandConfig.locate(Path.of("given.yaml")));
        String old = System.getProperty("dexd.home");
        try {
            Files.createDirectories(tmp.resolve("configs"));
            Files.writeString(tmp.resolve("configs/sim.yaml"), "hand:\n  library: x\n");
            System.setProperty("dexd.home", tmp.toString());
            assertEquals(tmp.resolve("configs/sim.yaml"), HandConfig.locate(null));
            System.setProperty("dexd.home", tmp.resolve("nowhere").toString());
            assertEquals(Path.of("configs/sim.yaml"), HandConfig.locate(null));
        } finally {
            if (old == null) {
                System.clearProperty("dexd.home");
            } else {
                System.setProperty("dexd.home", old);
            }
        }
    }
}
