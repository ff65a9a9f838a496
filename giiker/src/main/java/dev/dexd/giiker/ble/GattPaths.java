package dev.dexd.giiker.ble;

import java.util.Locale;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/**
 * The object paths of the cube's characteristics under its device object, found by UUID once BlueZ has
 * resolved the services. {@code state} is always there; the others are null when the cube lacks them
 * ({@code angles} only on a face-angle cube).
 */
public record GattPaths(String state, String systemNotify, String command, String angles) {

    /** Finds them among BlueZ's objects; throws with the fix when the state characteristic is missing. */
    static GattPaths find(final Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects, final String device) {
        String state = null;
        String system = null;
        String command = null;
        String angles = null;
        for (Map.Entry<DBusPath, Map<String, Map<String, Variant<?>>>> e : objects.entrySet()) {
            final String path = e.getKey().getPath();
            final Map<String, Variant<?>> c = e.getValue().get(Bluez.GATT_CHARACTERISTIC);
            if (c == null || !path.startsWith(device + "/") || c.get("UUID") == null) {
                continue;
            }
            switch (String.valueOf(c.get("UUID").getValue()).toLowerCase(Locale.ROOT)) {
                case GiikerUuids.STATE -> state = path;
                case GiikerUuids.SYSTEM_NOTIFY -> system = path;
                case GiikerUuids.COMMAND -> command = path;
                case GiikerUuids.ANGLES -> angles = path;
                default -> { }
            }
        }
        if (state == null) {
            throw new GiikerLinkException("the device at " + device + " has no cube-state characteristic "
                + GiikerUuids.STATE + ": it is not a Giiker cube; give the cube's own address");
        }
        return new GattPaths(state, system, command, angles);
    }
}
