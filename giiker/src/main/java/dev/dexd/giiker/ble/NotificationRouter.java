package dev.dexd.giiker.ble;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * Turns BlueZ's signals into listener calls: {@code PropertiesChanged("Value")} on the state, angle and
 * system characteristics become frames and battery readings; {@code Connected=false} on the cube's device
 * or the removal of its object, BlueZ leaving the bus and a broken bus connection tell the link the cube
 * is gone. Runs on dbus-java's one signal thread;
 * the paths it watches are set by the link thread (volatile).
 */
final class NotificationRouter {
    private final GiikerLink.Listener listener;
    private final LinkHealth health;
    private final Runnable lost;
    private volatile String device;
    private volatile GattPaths gatt;
    private volatile String lostReason;

    NotificationRouter(final GiikerLink.Listener listener, final LinkHealth health, final Runnable lost) {
        this.listener = listener;
        this.health = health;
        this.lost = lost;
    }

    /** Watch this device for a disconnect (before Connect, so none is missed). */
    void watch(final String devicePath) {
        lostReason = null;
        gatt = null;
        device = devicePath;
    }

    /** Deliver notifications of these characteristics from now on. */
    void deliver(final GattPaths paths) {
        gatt = paths;
    }

    void clear() {
        gatt = null;
        device = null;
    }

    /** Why the cube was lost since {@link #watch}, or null. */
    String lostReason() {
        return lostReason;
    }

    void onPropertiesChanged(final Properties.PropertiesChanged s) {
        final long arrival = System.nanoTime();
        final String path = s.getPath();
        final Map<String, Variant<?>> changed = s.getPropertiesChanged();
        if (Bluez.GATT_CHARACTERISTIC.equals(s.getInterfaceName())) {
            final GattPaths g = gatt;
            final Variant<?> value = changed.get("Value");
            if (g != null && value != null) {
                final byte[] bytes = bytes(value.getValue());
                if (bytes != null) {
                    route(g, path, bytes, arrival);
                }
            }
        } else if (Bluez.DEVICE.equals(s.getInterfaceName()) && path.equals(device)) {
            final Variant<?> connected = changed.get("Connected");
            if (connected != null && Boolean.FALSE.equals(connected.getValue())) {
                lose("the cube disconnected");
            }
        }
    }

    void onInterfacesRemoved(final ObjectManager.InterfacesRemoved s) {
        final String d = device;
        final List<String> ifaces = s.getInterfaces();
        // dbus-java names the signal's first argument (the removed object) its "signal source"
        final String removed = s.getSignalSource() == null ? null : s.getSignalSource().getPath();
        if (d != null && ifaces != null && ifaces.contains(Bluez.DEVICE) && d.equals(removed)) {
            lose("BlueZ removed the cube's device object");
        }
    }

    void onNameOwnerChanged(final DBus.NameOwnerChanged s) {
        // bluetoothd stopped or restarted: its objects are gone without InterfacesRemoved
        if (device != null && Bluez.SERVICE.equals(s.name)) {
            lose("BlueZ stopped or restarted");
        }
    }

    /** dbus-java lost the bus connection (the bus daemon went away). */
    void onBusLost() {
        if (device != null) {
            lose("the D-Bus connection broke");
        }
    }

    /** A frame read at connect (ReadValue) goes the same way as a notification. */
    void stateFrame(final byte[] bytes, final long arrival) {
        health.stateFrames.incrementAndGet();
        try {
            listener.onStateFrame(bytes, bytes.length, arrival);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private void route(final GattPaths g, final String path, final byte[] bytes, final long arrival) {
        try {
            if (path.equals(g.state())) {
                stateFrame(bytes, arrival);
            } else if (path.equals(g.angles())) {
                health.angleFrames.incrementAndGet();
                listener.onAngleFrame(bytes, bytes.length, arrival);
            } else if (path.equals(g.systemNotify())) {
                health.systemReplies.incrementAndGet();
                // battery reply: b5 LEVEL CHARGING
                if (bytes.length >= 3 && bytes[0] == GiikerUuids.CMD_BATTERY) {
                    final int level = bytes[1] & 0xFF;
                    final int charging = bytes[2] & 0xFF;
                    health.battery(level, charging);
                    listener.onBattery(level, charging);
                }
            }
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private void listenerFailed(final RuntimeException e) {
        health.listenerErrors.incrementAndGet();
        health.error("the frame listener failed: " + BluezBus.reason(e));
    }

    private void lose(final String why) {
        if (lostReason == null) {
            lostReason = why;
            lost.run();
        }
    }

    /** A "Value" as bytes: dbus-java gives {@code ay} as byte[] (or, inside some containers, a list of Byte). */
    static byte[] bytes(final Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof List<?> list) {
            final byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    return null;
                }
                b[i] = n.byteValue();
            }
            return b;
        }
        return null;
    }
}
