package dev.dexd.giiker.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scanning and the one-line errors, against the real BlueZ peer ({@link BluezPeer}). */
@Timeout(120)
class CubeScannerTest {
    @TempDir
    Path tmp;

    @Test
    void findsGiikerNamesOnlyAndStopsDiscovery() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 AA:BB:CC:DD:EE:01 GiC12345");
            peer.command("cube hci0 AA:BB:CC:DD:EE:02 GiS00042");
            peer.command("cube hci0 AA:BB:CC:DD:EE:03 Gi2abcde");
            peer.command("cube hci0 AA:BB:CC:DD:EE:04 Phone");
            final GiikerLinkConfig config = GiikerLinkConfig.defaults().withBusAddress(peer.busAddress());
            try (BluezBus bus = BluezBus.open(config)) {
                final List<FoundCube> cubes = new CubeScanner(bus, config).scan(Duration.ofMillis(300), false, () -> false);
                assertEquals(List.of("AA:BB:CC:DD:EE:01 GiC12345", "AA:BB:CC:DD:EE:02 GiS00042", "AA:BB:CC:DD:EE:03 Gi2abcde"),
                    cubes.stream().map(c -> c.address() + " " + c.name()).sorted().toList());
                assertTrue(cubes.stream().allMatch(c -> c.rssi() == -79), cubes.toString()); // the template's RSSI
                assertEquals("/org/bluez/hci0/dev_AA_BB_CC_DD_EE_02",
                    cubes.stream().filter(c -> c.name().equals("GiS00042")).findFirst().orElseThrow().path());
            }
            assertTrue(peer.command("adapter-calls hci0 StartDiscovery").startsWith("1"));
            assertTrue(peer.command("adapter-calls hci0 StopDiscovery").startsWith("1"));
        }
    }

    @Test
    void aConfiguredAddressPicksThatDeviceWhateverItsName() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 AA:BB:CC:DD:EE:01 GiC12345");
            peer.command("cube hci0 AA:BB:CC:DD:EE:09 MyCube");
            final GiikerLinkConfig config = GiikerLinkConfig.defaults().withBusAddress(peer.busAddress())
                .withAddress("aa:bb:cc:dd:ee:09");
            try (BluezBus bus = BluezBus.open(config)) {
                final List<FoundCube> cubes = new CubeScanner(bus, config).scan(Duration.ofMillis(300), false, () -> false);
                assertEquals(List.of("MyCube"), cubes.stream().map(FoundCube::name).toList());
            }
        }
    }

    @Test
    void aCubeThatAppearsDuringTheScanIsFound() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            final GiikerLinkConfig config = GiikerLinkConfig.defaults().withBusAddress(peer.busAddress());
            try (BluezBus bus = BluezBus.open(config)) {
                final CompletableFuture<Void> appears = CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    peer.command("cube hci0 AA:BB:CC:DD:EE:05 GiC55555");
                });
                final List<FoundCube> cubes = new CubeScanner(bus, config).scan(Duration.ofSeconds(20), true, () -> false);
                appears.get(20, TimeUnit.SECONDS);
                assertEquals(List.of("GiC55555"), cubes.stream().map(FoundCube::name).toList());
            }
        }
    }

    @Test
    void userErrorsAreOneLineWithTheFix() throws Exception {
        final GiikerLinkException noBus = assertThrows(GiikerLinkException.class, () -> BluezBus.open(
            GiikerLinkConfig.defaults().withBusAddress("unix:path=" + tmp.resolve("no-such-bus"))));
        assertTrue(noBus.getMessage().startsWith("cannot reach the D-Bus system bus at unix:path="), noBus.getMessage());
        assertTrue(noBus.getMessage().contains("DBUS_SYSTEM_BUS_ADDRESS"), noBus.getMessage());

        final Path busOnlyDir = java.nio.file.Files.createDirectories(tmp.resolve("bus-only"));
        try (BluezPeer busOnly = BluezPeer.start(busOnlyDir, false)) {
            final GiikerLinkConfig config = GiikerLinkConfig.defaults().withBusAddress(busOnly.busAddress());
            try (BluezBus bus = BluezBus.open(config)) {
                final GiikerLinkException e = assertThrows(GiikerLinkException.class, () -> bus.findAdapter(null));
                assertTrue(e.getMessage().startsWith("BlueZ is not running"), e.getMessage());
                assertTrue(e.getMessage().contains("systemctl start bluetooth"), e.getMessage());
            }
        }

        final Path dir = tmp.resolve("bluez");
        java.nio.file.Files.createDirectories(dir);
        try (BluezPeer peer = BluezPeer.start(dir)) {
            final GiikerLinkConfig config = GiikerLinkConfig.defaults().withBusAddress(peer.busAddress());
            try (BluezBus bus = BluezBus.open(config)) {
                final GiikerLinkException none = assertThrows(GiikerLinkException.class, () -> bus.findAdapter(null));
                assertTrue(none.getMessage().startsWith("no Bluetooth adapter:"), none.getMessage());
                peer.command("adapter hci0");
                assertEquals("/org/bluez/hci0", bus.findAdapter(null));
                final GiikerLinkException wrong = assertThrows(GiikerLinkException.class, () -> bus.findAdapter("hci3"));
                assertEquals("no Bluetooth adapter hci3 (BlueZ has /org/bluez/hci0): name one of those, or leave the"
                    + " adapter out to take the first", wrong.getMessage());
            }
        }
    }
}
