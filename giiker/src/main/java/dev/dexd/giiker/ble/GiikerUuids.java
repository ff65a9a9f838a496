package dev.dexd.giiker.ble;

import java.util.List;

/** The GATT UUIDs and advertised names of Giiker cubes (and of our face-angle cube), as BlueZ spells them. */
public final class GiikerUuids {
    /** Cube state service and its characteristic (read + notify, 20-byte frames). */
    public static final String STATE_SERVICE = "0000aadb-0000-1000-8000-00805f9b34fb";
    public static final String STATE = "0000aadc-0000-1000-8000-00805f9b34fb";
    /** System service: replies are notified on {@link #SYSTEM_NOTIFY}, commands written to {@link #COMMAND}. */
    public static final String SYSTEM_SERVICE = "0000aaaa-0000-1000-8000-00805f9b34fb";
    public static final String SYSTEM_NOTIFY = "0000aaab-0000-1000-8000-00805f9b34fb";
    public static final String COMMAND = "0000aaac-0000-1000-8000-00805f9b34fb";
    /** Xiaomi's service, advertised by some cubes instead of the Giiker services. */
    public static final String XIAOMI_SERVICE = "0000fe95-0000-1000-8000-00805f9b34fb";
    /** Nordic UART service: a face-angle cube (frame format v1, docs/giiker.md) notifies on {@link #ANGLES}. */
    public static final String NORDIC_UART_SERVICE = "6e400001-b5a3-f393-e0a9-e50e24dcca9e";
    public static final String ANGLES = "6e400003-b5a3-f393-e0a9-e50e24dcca9e";

    /** The services a scan filters on (BlueZ's SetDiscoveryFilter "UUIDs"). */
    public static final List<String> SCAN_SERVICES = List.of(STATE_SERVICE, SYSTEM_SERVICE, XIAOMI_SERVICE);
    /** Advertised name prefixes of Giiker i3 ({@code GiC}), i3s ({@code GiS}) and the 2x2 ({@code Gi2}). */
    public static final List<String> NAME_PREFIXES = List.of("GiC", "GiS", "Gi2");

    /** Command bytes written to {@link #COMMAND}. */
    public static final byte CMD_BATTERY = (byte) 0xB5;
    public static final byte CMD_RESET_SOLVED = (byte) 0xA1;

    private GiikerUuids() {
    }
}
