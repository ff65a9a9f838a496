package dev.dexd.giiker.ble;

import dev.dexd.common.config.ConfigNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How a {@link GiikerLink} (and a {@link CubeScanner}) reaches the cube.
 *
 * @param busAddress      D-Bus address of the system bus, or null for the system bus as dbus-java finds it
 *                        ({@code DBUS_SYSTEM_BUS_ADDRESS}, else {@code unix:path=/var/run/dbus/system_bus_socket});
 *                        tests pass their private bus here
 * @param adapter         BlueZ adapter name ({@code hci0}), or null for the first one
 * @param address         the cube's Bluetooth address, or null for the first cube whose name matches
 * @param namePrefixes    advertised name prefixes that mark a Giiker cube
 * @param scanTimeout     how long one scan looks for the cube before the attempt counts as failed
 * @param servicesTimeout how long to wait for {@code ServicesResolved} after {@code Connect}
 * @param batteryPeriod   how often to ask for the battery level while connected (zero: only at connect)
 * @param backoffInitial  the wait after the first failed attempt or a disconnect; doubled after each failure
 * @param backoffMax      the longest wait between attempts
 * @param maxAttempts     consecutive failed attempts before the link gives up ({@link LinkState#FAILED}); 0: never
 */
public record GiikerLinkConfig(
    String busAddress,
    String adapter,
    String address,
    List<String> namePrefixes,
    Duration scanTimeout,
    Duration servicesTimeout,
    Duration batteryPeriod,
    Duration backoffInitial,
    Duration backoffMax,
    int maxAttempts) {

    public GiikerLinkConfig {
        namePrefixes = List.copyOf(namePrefixes);
        address = address == null ? null : address.toUpperCase(Locale.ROOT);
        requirePositive("scan timeout", scanTimeout);
        requirePositive("services timeout", servicesTimeout);
        requirePositive("initial backoff", backoffInitial);
        requirePositive("maximum backoff", backoffMax);
        if (batteryPeriod.isNegative()) {
            throw new IllegalArgumentException("battery period must not be negative, got " + batteryPeriod);
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("maximum backoff " + backoffMax + " is below the initial " + backoffInitial);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("max attempts must be 0 (never give up) or more, got " + maxAttempts);
        }
    }

    /** The system bus, the first adapter, any Giiker cube; retries forever with 0.5 s to 30 s between attempts. */
    public static GiikerLinkConfig defaults() {
        return new GiikerLinkConfig(null, null, null, GiikerUuids.NAME_PREFIXES, Duration.ofSeconds(10),
            Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(30), 0);
    }

    /**
     * Reads the optional keys {@code bus}, {@code adapter}, {@code address}, {@code scan_s},
     * {@code services_timeout_s}, {@code battery_period_s}, {@code backoff_initial_s}, {@code backoff_max_s},
     * {@code max_attempts} of a config section over {@link #defaults()}. Unknown keys are the caller's to reject.
     */
    public static GiikerLinkConfig read(final ConfigNode section) {
        final GiikerLinkConfig d = defaults();
        final Duration initial = seconds(section, "backoff_initial_s", d.backoffInitial, 0.01, 3600);
        return new GiikerLinkConfig(
            section.text("bus", null),
            section.text("adapter", null),
            section.text("address", null),
            d.namePrefixes,
            seconds(section, "scan_s", d.scanTimeout, 0.1, 3600),
            seconds(section, "services_timeout_s", d.servicesTimeout, 0.1, 600),
            seconds(section, "battery_period_s", d.batteryPeriod, 0, 86_400),
            initial,
            seconds(section, "backoff_max_s", d.backoffMax, initial.toNanos() / 1e9, 3600),
            (int) section.integer("max_attempts", d.maxAttempts, 0, 1_000_000));
    }

    public GiikerLinkConfig withBusAddress(final String bus) {
        return new GiikerLinkConfig(bus, adapter, address, namePrefixes, scanTimeout, servicesTimeout, batteryPeriod,
            backoffInitial, backoffMax, maxAttempts);
    }

    public GiikerLinkConfig withAdapter(final String name) {
        return new GiikerLinkConfig(busAddress, name, address, namePrefixes, scanTimeout, servicesTimeout,
            batteryPeriod, backoffInitial, backoffMax, maxAttempts);
    }

    public GiikerLinkConfig withAddress(final String cube) {
        return new GiikerLinkConfig(busAddress, adapter, cube, namePrefixes, scanTimeout, servicesTimeout,
            batteryPeriod, backoffInitial, backoffMax, maxAttempts);
    }

    public GiikerLinkConfig withScanTimeout(final Duration scan) {
        return new GiikerLinkConfig(busAddress, adapter, address, namePrefixes, scan, servicesTimeout, batteryPeriod,
            backoffInitial, backoffMax, maxAttempts);
    }

    public GiikerLinkConfig withBatteryPeriod(final Duration period) {
        return new GiikerLinkConfig(busAddress, adapter, address, namePrefixes, scanTimeout, servicesTimeout, period,
            backoffInitial, backoffMax, maxAttempts);
    }

    public GiikerLinkConfig withBackoff(final Duration initial, final Duration max, final int attempts) {
        return new GiikerLinkConfig(busAddress, adapter, address, namePrefixes, scanTimeout, servicesTimeout,
            batteryPeriod, initial, max, attempts);
    }

    /** True if a device with this name and address is the cube this config asks for. */
    public boolean matches(final String name, final String deviceAddress) {
        if (address != null) {
            return address.equalsIgnoreCase(deviceAddress);
        }
        if (name == null) {
            return false;
        }
        for (String prefix : namePrefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The bus as a person reads it, for messages. */
    public String busDescription() {
        if (busAddress != null) {
            return busAddress;
        }
        final String env = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
        return env != null ? env + " (DBUS_SYSTEM_BUS_ADDRESS)" : "unix:path=/var/run/dbus/system_bus_socket";
    }

    private static Duration seconds(final ConfigNode section, final String key, final Duration fallback,
                                    final double min, final double max) {
        final double s = section.number(key, fallback.toNanos() / 1e9, min, max);
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static void requirePositive(final String what, final Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
