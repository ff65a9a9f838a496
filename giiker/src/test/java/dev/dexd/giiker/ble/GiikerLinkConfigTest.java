package dev.dexd.giiker.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dexd.common.config.ConfigError;
import dev.dexd.common.config.ConfigNode;
import dev.dexd.common.config.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GiikerLinkConfigTest {
    @TempDir
    Path tmp;

    @Test
    void namesMatchByPrefixAndAConfiguredAddressWins() {
        final GiikerLinkConfig any = GiikerLinkConfig.defaults();
        assertTrue(any.matches("GiC12345", "AA:BB:CC:DD:EE:01"));
        assertTrue(any.matches("GiS1", null));
        assertTrue(any.matches("Gi2x", null));
        assertFalse(any.matches("Phone", "AA:BB:CC:DD:EE:01"));
        assertFalse(any.matches(null, "AA:BB:CC:DD:EE:01"));
        final GiikerLinkConfig one = any.withAddress("aa:bb:cc:dd:ee:01");
        assertEquals("AA:BB:CC:DD:EE:01", one.address());
        assertTrue(one.matches("Phone", "aa:bb:cc:dd:ee:01"));
        assertFalse(one.matches("GiC12345", "AA:BB:CC:DD:EE:02"));
    }

    @Test
    void readsItsKeysOverTheDefaults() throws Exception {
        final Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "giiker:\n  address: aa:bb:cc:dd:ee:01\n  adapter: hci1\n  scan_s: 2.5\n"
            + "  battery_period_s: 0\n  backoff_initial_s: 0.2\n  backoff_max_s: 5\n  max_attempts: 3\n");
        final ConfigNode section = StrictYaml.read("config", f, "fix it").section("giiker");
        final GiikerLinkConfig c = GiikerLinkConfig.read(section);
        section.rejectUnknownKeys();
        assertNull(c.busAddress());
        assertEquals("hci1", c.adapter());
        assertEquals("AA:BB:CC:DD:EE:01", c.address());
        assertEquals(Duration.ofMillis(2500), c.scanTimeout());
        assertEquals(Duration.ZERO, c.batteryPeriod());
        assertEquals(Duration.ofMillis(200), c.backoffInitial());
        assertEquals(Duration.ofSeconds(5), c.backoffMax());
        assertEquals(3, c.maxAttempts());
        assertEquals(GiikerLinkConfig.defaults().servicesTimeout(), c.servicesTimeout());
    }

    @Test
    void aMaximumBackoffBelowTheInitialIsAConfigError() throws Exception {
        final Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "giiker:\n  backoff_initial_s: 2\n  backoff_max_s: 1\n");
        final ConfigNode section = StrictYaml.read("config", f, "fix it").section("giiker");
        assertThrows(ConfigError.class, () -> GiikerLinkConfig.read(section));
    }
}
