package dev.dexd.giiker.ble;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/**
 * Finds Giiker cubes: discovery filtered to LE and the cube's services (aadb, aaaa, fe95), then every
 * device BlueZ lists (GetManagedObjects, re-read whenever InterfacesAdded says a device appeared, and at
 * least every {@value #POLL_MS} ms for names that arrive later) whose name has a Giiker prefix or whose
 * address is the configured one. Discovery is stopped again before returning. Runs on the caller's thread.
 */
public final class CubeScanner {
    static final long POLL_MS = 250;

    private final BluezBus bus;
    private final GiikerLinkConfig config;

    public CubeScanner(final BluezBus bus, final GiikerLinkConfig config) {
        this.bus = bus;
        this.config = config;
    }

    /**
     * Scans for up to {@code timeout}; with {@code firstOnly} returns as soon as a cube is seen. Cubes
     * BlueZ already knows count too. Returns an empty list when none was found (or {@code cancelled} said so).
     */
    public List<FoundCube> scan(final Duration timeout, final boolean firstOnly, final BooleanSupplier cancelled) {
        final String adapterPath = bus.findAdapter(config.adapter());
        final Bluez.Adapter1 adapter = bus.remote(adapterPath, Bluez.Adapter1.class);
        final Thread scanning = Thread.currentThread();
        AutoCloseable added = null;
        final Map<String, FoundCube> found = new LinkedHashMap<>();
        try {
            try {
                added = bus.connection().addSigHandler(ObjectManager.InterfacesAdded.class,
                    s -> LockSupport.unpark(scanning));
            } catch (DBusException e) {
                throw bus.explain("watch for new devices", e);
            }
            try {
                adapter.setDiscoveryFilter(filter());
            } catch (DBusExecutionException e) {
                // an adapter or BlueZ without filters: scan everything, the name check still applies
            }
            boolean started = false;
            try {
                adapter.startDiscovery();
                started = true;
            } catch (DBusExecutionException e) {
                if (!BluezBus.errorName(e).equals(Bluez.ERROR_IN_PROGRESS)) {
                    throw bus.explain("start discovery on " + adapterPath, e);
                }
            }
            try {
                final long end = System.nanoTime() + timeout.toNanos();
                while (true) {
                    for (FoundCube c : cubes(bus.managedObjects(), adapterPath, config)) {
                        found.put(c.path(), c);
                    }
                    final long left = end - System.nanoTime();
                    if (firstOnly && !found.isEmpty() || left <= 0 || cancelled.getAsBoolean()) {
                        break;
                    }
                    LockSupport.parkNanos(Math.min(left, POLL_MS * 1_000_000L));
                }
            } finally {
                if (started) {
                    try {
                        adapter.stopDiscovery();
                    } catch (DBusExecutionException ignored) {
                        // discovery already off (adapter reset, another client stopped it)
                    }
                }
            }
        } finally {
            closeQuietly(added);
        }
        return new ArrayList<>(found.values());
    }

    /** The cubes among BlueZ's objects under {@code adapterPath} that {@code config} accepts, strongest first. */
    static List<FoundCube> cubes(final Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects,
                                 final String adapterPath, final GiikerLinkConfig config) {
        final List<FoundCube> cubes = new ArrayList<>();
        for (Map.Entry<DBusPath, Map<String, Map<String, Variant<?>>>> e : objects.entrySet()) {
            final Map<String, Variant<?>> device = e.getValue().get(Bluez.DEVICE);
            final String path = e.getKey().getPath();
            if (device == null || !path.startsWith(adapterPath + "/")) {
                continue;
            }
            final String address = text(device.get("Address"));
            String name = text(device.get("Name"));
            if (name == null) {
                name = text(device.get("Alias"));
            }
            if (config.matches(name, address)) {
                final Object rssi = device.get("RSSI") == null ? null : device.get("RSSI").getValue();
                cubes.add(new FoundCube(path, address, name == null ? "" : name,
                    rssi instanceof Number n ? n.intValue() : FoundCube.NO_RSSI));
            }
        }
        cubes.sort((a, b) -> Integer.compare(b.rssi(), a.rssi()));
        return cubes;
    }

    private static Map<String, Variant<?>> filter() {
        final Map<String, Variant<?>> f = new LinkedHashMap<>();
        f.put("Transport", new Variant<>("le"));
        f.put("UUIDs", new Variant<>(GiikerUuids.SCAN_SERVICES.toArray(new String[0]), "as"));
        return f;
    }

    private static String text(final Variant<?> v) {
        return v == null || v.getValue() == null ? null : v.getValue().toString();
    }

    static void closeQuietly(final AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // removing a signal match from a connection that is going away
            }
        }
    }
}
