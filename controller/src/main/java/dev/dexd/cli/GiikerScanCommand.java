package dev.dexd.cli;

import dev.dexd.giiker.ble.BluezBus;
import dev.dexd.giiker.ble.CubeScanner;
import dev.dexd.giiker.ble.FoundCube;
import dev.dexd.giiker.ble.GiikerLink;
import dev.dexd.giiker.ble.GiikerLinkConfig;
import dev.dexd.giiker.ble.GiikerLinkException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dexd giiker scan}: lists the Giiker cubes BlueZ sees (address, name, RSSI), so an operator can
 * put the right address into the config. Scans with the transport's own {@link CubeScanner}.
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Look for Giiker cubes over Bluetooth LE (BlueZ) and list them: address, name, signal strength.",
        "A cube advertises while it is awake: turn a face first. Exits 1 when none is found."})
public final class GiikerScanCommand implements Callable<Integer> {
    static final double MAX_SECONDS = 600;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "5",
        description = "Scan this long (default ${DEFAULT-VALUE} s).")
    double seconds;

    @Option(names = "--adapter", paramLabel = "NAME", description = "Bluetooth adapter (hci0, ...); default: the first.")
    String adapter;

    @Option(names = "--bus", paramLabel = "ADDRESS",
        description = "D-Bus address of the bus BlueZ is on; default: DBUS_SYSTEM_BUS_ADDRESS, else the system bus.")
    String bus;

    @Override
    public Integer call() {
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw new UserError("--seconds needs a number above 0 and at most " + (int) MAX_SECONDS + ", got " + seconds);
        }
        final GiikerLinkConfig config = GiikerLinkConfig.defaults().withBusAddress(bus).withAdapter(adapter)
            .withScanTimeout(Duration.ofNanos((long) (seconds * 1e9)));
        final PrintStream out = System.out;
        final List<FoundCube> cubes;
        try (BluezBus b = BluezBus.open(config)) {
            System.err.println("scanning for Giiker cubes for " + format(seconds) + " s ...");
            System.err.flush();
            cubes = new CubeScanner(b, config).scan(config.scanTimeout(), false, () -> false);
        } catch (GiikerLinkException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (cubes.isEmpty()) {
            throw new UserError(GiikerLink.noCubeMessage(config));
        }
        for (FoundCube c : cubes) {
            out.println(line(c));
        }
        out.flush();
        return Dexd.OK;
    }

    /** One cube: address, name, RSSI (or "-" when BlueZ has none). */
    static String line(final FoundCube c) {
        return c.address() + "  " + c.name() + "  " + (c.hasRssi() ? c.rssi() + " dBm" : "-");
    }

    private static String format(final double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
