package dev.dexd.controller.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.config.ConfigLoader;
import dev.dexd.controller.config.DexdConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code live_view:} keys through the one config reader: off by default, loopback by default, ranges. */
class LiveViewConfigTest {
    @TempDir
    Path dir;

    private DexdConfig load(String yaml) throws IOException {
        Path p = dir.resolve("c.yaml");
        Files.writeString(p, "policy: {manifest: p.yaml}\n" + yaml);
        return ConfigLoader.load(p);
    }

    @Test
    void offAndOnLoopbackByDefault() throws IOException {
        DexdConfig.LiveView v = load("").liveView();
        assertFalse(v.enabled());
        assertEquals("127.0.0.1", v.bind());
        assertEquals(8765, v.port());
        assertEquals(10.0, v.rateHz());
        assertFalse(load("live_view: {port: 9000}\n").liveView().enabled(), "a section without enabled: true is off");
    }

    @Test
    void readsTheDocumentedKeys() throws IOException {
        DexdConfig.LiveView v = load("live_view: {enabled: true, bind: 127.0.0.1, port: 8766, rate_hz: 25, max_queued_kb: 256}\n")
            .liveView();
        assertTrue(v.enabled());
        assertEquals(8766, v.port());
        assertEquals(25.0, v.rateHz());
        assertEquals(256, v.maxQueuedKb());
    }

    @Test
    void refusesWhatItCannotUseInOneLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("live_view: {enabled: true, rate_hz: 0}\n"));
        assertTrue(e.getMessage().contains("live_view.rate_hz"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("live_view: {enabled: true, rate: 10}\n"));
        assertTrue(e.getMessage().contains("live_view.rate"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
