package dev.dexd.giiker.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no bus configured the transport uses the system bus as dbus-java finds it, which honours
 * {@code DBUS_SYSTEM_BUS_ADDRESS}: a JVM started with it pointing at the private bus finds the cube there.
 */
@Timeout(120)
class SystemBusFromEnvironmentTest {
    @TempDir
    Path tmp;

    /** Scans the default system bus and prints each cube's address and name. */
    public static void main(final String[] args) {
        final GiikerLinkConfig config = GiikerLinkConfig.defaults();
        try (BluezBus bus = BluezBus.open(config)) {
            for (FoundCube c : new CubeScanner(bus, config).scan(Duration.ofMillis(300), false, () -> false)) {
                System.out.println(c.address() + " " + c.name());
            }
        }
    }

    @Test
    void theSystemBusAddressComesFromTheEnvironment() throws Exception {
        try (BluezPeer peer = BluezPeer.start(tmp)) {
            peer.command("adapter hci0");
            peer.command("cube hci0 AA:BB:CC:DD:EE:01 GiC12345");
            final ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SystemBusFromEnvironmentTest.class.getName()));
            pb.environment().put("DBUS_SYSTEM_BUS_ADDRESS", peer.busAddress());
            pb.redirectError(tmp.resolve("child.err").toFile());
            pb.redirectOutput(tmp.resolve("child.out").toFile());
            final Process p = pb.start();
            try {
                assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end within 60 s");
                assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("child.err")));
                assertEquals("AA:BB:CC:DD:EE:01 GiC12345\n", Files.readString(tmp.resolve("child.out")));
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
