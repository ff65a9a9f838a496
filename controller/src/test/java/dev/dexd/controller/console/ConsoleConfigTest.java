package dev.dexd.controller.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** The config's console section: defaults, validation, and the token rule off loopback. */
class ConsoleConfigTest {
    @TempDir
    Path dir;

    DexdConfig.Console load(String console) throws IOException {
        Path p = dir.resolve("c.yaml");
        Files.writeString(p, "policy: {manifest: p.yaml}\n" + (console == null ? "" : "console:\n" + console));
        return ConfigLoader.load(p).console();
    }

    String error(String console) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(console));
        return e.getMessage();
    }

    @Test
    void noSectionNoConsole() throws IOException {
        assertFalse(load(null).enabled());
    }

    @Test
    void defaultsAreLoopbackPort7878() throws IOException {
        DexdConfig.Console c = load("  port: 7878\n");
        assertTrue(c.enabled());
        assertEquals("127.0.0.1", c.bind());
        assertEquals(7878, c.port());
        assertNull(c.token());
        assertEquals(16, c.maxClients());
        assertEquals(4096, c.maxLine());
        assertEquals(600_000_000_000L, c.idleTimeoutNanos());
        assertEquals(20.0, c.commandsPerSecond());
    }

    @Test
    void readsEveryKey() throws IOException {
        DexdConfig.Console c = load("  enabled: true\n  bind: 0.0.0.0\n  port: 0\n  token: abcdefgh12\n  max_clients: 3\n"
            + "  max_line: 128\n  idle_timeout_s: 0.5\n  commands_per_second: 2.5\n");
        assertEquals("0.0.0.0", c.bind());
        assertEquals("abcdefgh12", c.token());
        assertEquals(3, c.maxClients());
        assertEquals(128, c.maxLine());
        assertEquals(500_000_000L, c.idleTimeoutNanos());
        assertEquals(2.5, c.commandsPerSecond());
    }

    @Test
    void aNonLoopbackAddressWithoutATokenIsRefused() {
        assertTrue(error("  bind: 0.0.0.0\n").contains("console.bind: 0.0.0.0 is not a loopback address"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(error("  token: short\n").contains("console.token: expected at least 8"));
        assertTrue(error("  port: 70000\n").contains("console.port: expected a whole number from 0 to 65535"));
        assertTrue(error("  max_line: 10\n").contains("console.max_line"));
        assertTrue(error("  prot: 1\n").contains("console.prot: unknown key"));
        // an unclosed IPv6 bracket fails in the JDK's own parser, so the test sends no DNS query
        assertTrue(error("  bind: \"[::1\"\n").contains("line 3: console.bind: '[::1' is not an address of this machine"));
    }

    @Test
    void theShippedConfigsHaveAConsoleOnLoopback() {
        for (String name : new String[] {"sim.yaml", "robot.yaml"}) {
            DexdConfig.Console c = ConfigLoader.load(Path.of("..", "configs", name)).console();
            assertTrue(c.enabled(), name);
            assertEquals("127.0.0.1", c.bind(), name);
            assertEquals(DexdConfig.Console.DEFAULT_PORT, c.port(), name);
        }
    }
}
