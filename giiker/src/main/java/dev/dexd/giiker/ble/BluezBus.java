package dev.dexd.giiker.ble;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * One connection to the bus BlueZ is on, with the few calls the transport makes, each failure turned
 * into a {@link GiikerLinkException} whose message names the problem and the fix. Not thread-safe
 * beyond what dbus-java gives: the link thread (or the CLI's thread) makes the calls; dbus-java's single
 * signal thread runs the handlers registered on {@link #connection()}.
 */
public final class BluezBus implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MS = 1_000;

    private final DBusConnection connection;
    private final String where;

    private BluezBus(final DBusConnection connection, final String where) {
        this.connection = connection;
        this.where = where;
    }

    /** Connects to the bus of {@code config} (see {@link GiikerLinkConfig#busAddress()}). */
    public static BluezBus open(final GiikerLinkConfig config) {
        return open(config, () -> { });
    }

    /** As {@link #open(GiikerLinkConfig)}; {@code onLost} runs (on a dbus-java thread) if the connection breaks. */
    public static BluezBus open(final GiikerLinkConfig config, final Runnable onLost) {
        final String where = config.busDescription();
        try {
            final DBusConnectionBuilder builder = config.busAddress() != null
                ? DBusConnectionBuilder.forAddress(config.busAddress())
                : DBusConnectionBuilder.forSystemBus();
            // one signal thread: notifications reach the listener in the order BlueZ sent them
            final DBusConnection c = builder.withShared(false)
                .receivingThreadConfig().withSignalThreadCount(1).connectionConfig()
                // dbus-java retries a refused connect every 0.5 s for this long: a missing bus is told in ~1 s
                .transportConfig().withTimeout(CONNECT_TIMEOUT_MS).back()
                .withDisconnectCallback(new IDisconnectCallback() {
                    @Override
                    public void disconnectOnError(final IOException e) {
                        onLost.run();
                    }
                })
                .build();
            return new BluezBus(c, where);
        } catch (DBusException | RuntimeException e) {
            throw new GiikerLinkException("cannot reach the D-Bus system bus at " + where + " (" + reason(e)
                + "): start D-Bus (systemctl start dbus), or point DBUS_SYSTEM_BUS_ADDRESS at the right bus", e);
        }
    }

    public DBusConnection connection() {
        return connection;
    }

    /** ObjectManager.GetManagedObjects on BlueZ's root. */
    public Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
        try {
            final ObjectManager om = connection.getRemoteObject(Bluez.SERVICE, "/", ObjectManager.class, false);
            final Map<DBusPath, Map<String, Map<String, Variant<?>>>> all = om.GetManagedObjects();
            return all == null ? Collections.emptyMap() : all;
        } catch (DBusException | DBusExecutionException e) {
            throw explain("list BlueZ's objects", e);
        }
    }

    /**
     * The object path of the adapter named {@code name} ({@code hci0}), or of the first adapter when null.
     * Fails with the fix when there is none or it is powered off.
     */
    public String findAdapter(final String name) {
        final List<String> adapters = new ArrayList<>();
        String chosen = null;
        for (Map.Entry<DBusPath, Map<String, Map<String, Variant<?>>>> e : managedObjects().entrySet()) {
            if (e.getValue().containsKey(Bluez.ADAPTER)) {
                final String path = e.getKey().getPath();
                adapters.add(path);
                if (name == null ? chosen == null || path.compareTo(chosen) < 0 : path.endsWith("/" + name)) {
                    chosen = path;
                }
            }
        }
        if (adapters.isEmpty()) {
            throw new GiikerLinkException("no Bluetooth adapter: plug one in, unblock it (rfkill unblock bluetooth)"
                + " and check that BlueZ sees it (bluetoothctl list)");
        }
        if (chosen == null) {
            Collections.sort(adapters);
            throw new GiikerLinkException("no Bluetooth adapter " + name + " (BlueZ has " + String.join(", ", adapters)
                + "): name one of those, or leave the adapter out to take the first");
        }
        final Object powered = property(chosen, Bluez.ADAPTER, "Powered");
        if (Boolean.FALSE.equals(powered)) {
            throw new GiikerLinkException("Bluetooth adapter " + chosen + " is off: switch it on (bluetoothctl power on)");
        }
        return chosen;
    }

    /** A property's value (unwrapped from its variant), through org.freedesktop.DBus.Properties.Get. */
    public Object property(final String path, final String iface, final String name) {
        try {
            final Properties p = connection.getRemoteObject(Bluez.SERVICE, path, Properties.class, false);
            return unwrap(p.Get(iface, name));
        } catch (DBusException | DBusExecutionException e) {
            throw explain("read " + name + " of " + path, e);
        }
    }

    /** A proxy for one of the {@link Bluez} interfaces at {@code path}; calls on it throw DBusExecutionException. */
    public <T extends DBusInterface> T remote(final String path, final Class<T> type) {
        try {
            return connection.getRemoteObject(Bluez.SERVICE, path, type, false);
        } catch (DBusException e) {
            throw explain("reach " + path, e);
        }
    }

    /**
     * A failure of a call as one line with the fix: the D-Bus error name tells BlueZ not running, access
     * denied and the like apart from BlueZ's own errors.
     */
    public GiikerLinkException explain(final String what, final Exception e) {
        final String type = errorName(e);
        // dbus-java itself answers 'Name "org.bluez" does not exist' when nobody owns the name
        if (type.endsWith("ServiceUnknown") || type.endsWith("NameHasNoOwner")
            || reason(e).contains("\"" + Bluez.SERVICE + "\" does not exist")) {
            return new GiikerLinkException("BlueZ is not running on the bus at " + where
                + ": install and start it (apt-get install bluez; systemctl start bluetooth)", e);
        }
        if (type.endsWith("AccessDenied")) {
            return new GiikerLinkException("not allowed to talk to BlueZ on " + where
                + ": run dexd as a user in the 'bluetooth' group, or as root", e);
        }
        if (type.endsWith("NoReply") || type.endsWith("Timeout")) {
            return new GiikerLinkException("BlueZ did not answer in time (" + what + "): check the adapter"
                + " (bluetoothctl show) and that the cube is switched on and in range", e);
        }
        return new GiikerLinkException("could not " + what + ": " + reason(e), e);
    }

    /**
     * The D-Bus error name of a failed call (for errors dbus-java has no class for, such as BlueZ's own
     * {@code org.bluez.Error.*}), else the exception's class name. getType() is deprecated in dbus-java 5
     * with no replacement there yet; it is the only place the name is kept.
     */
    @SuppressWarnings("removal")
    static String errorName(final Throwable e) {
        if (e instanceof DBusExecutionException x && x.getType() != null) {
            return x.getType();
        }
        return e.getClass().getName();
    }

    static Object unwrap(final Object value) {
        return value instanceof Variant<?> v ? v.getValue() : value;
    }

    static String reason(final Throwable e) {
        final String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    /** Closes the connection; never throws. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a broken connection: nothing left to release
        }
    }
}
