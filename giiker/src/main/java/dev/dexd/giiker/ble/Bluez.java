package dev.dexd.giiker.ble;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The parts of BlueZ's D-Bus API (doc/org.bluez.*.rst in BlueZ) the transport calls, as dbus-java proxy
 * interfaces. Properties are read through {@code org.freedesktop.DBus.Properties}, not here.
 */
public final class Bluez {
    public static final String SERVICE = "org.bluez";
    public static final String ADAPTER = "org.bluez.Adapter1";
    public static final String DEVICE = "org.bluez.Device1";
    public static final String GATT_CHARACTERISTIC = "org.bluez.GattCharacteristic1";

    /** D-Bus error names BlueZ answers with that are not failures for us. */
    static final String ERROR_ALREADY_CONNECTED = "org.bluez.Error.AlreadyConnected";
    static final String ERROR_IN_PROGRESS = "org.bluez.Error.InProgress";

    private Bluez() {
    }

    /** {@code org.bluez.Adapter1} at {@code /org/bluez/hciN}. */
    @DBusInterfaceName(ADAPTER)
    public interface Adapter1 extends DBusInterface {
        @DBusMemberName("SetDiscoveryFilter")
        void setDiscoveryFilter(Map<String, Variant<?>> filter);

        @DBusMemberName("StartDiscovery")
        void startDiscovery();

        @DBusMemberName("StopDiscovery")
        void stopDiscovery();
    }

    /** {@code org.bluez.Device1} at {@code /org/bluez/hciN/dev_XX_XX_XX_XX_XX_XX}. */
    @DBusInterfaceName(DEVICE)
    public interface Device1 extends DBusInterface {
        @DBusMemberName("Connect")
        void connect();

        @DBusMemberName("Disconnect")
        void disconnect();
    }

    /** {@code org.bluez.GattCharacteristic1} under a device, once its services are resolved. */
    @DBusInterfaceName(GATT_CHARACTERISTIC)
    public interface GattCharacteristic1 extends DBusInterface {
        @DBusMemberName("StartNotify")
        void startNotify();

        @DBusMemberName("StopNotify")
        void stopNotify();

        @DBusMemberName("ReadValue")
        byte[] readValue(Map<String, Variant<?>> options);

        @DBusMemberName("WriteValue")
        void writeValue(byte[] value, Map<String, Variant<?>> options);
    }
}
