package dev.dexd.giiker.ble;

/**
 * A cube BlueZ knows: its device object path, address, advertised name and signal strength
 * ({@code rssi} is {@link #NO_RSSI} when BlueZ has none, e.g. a cached device not seen in this scan).
 */
public record FoundCube(String path, String address, String name, int rssi) {
    public static final int NO_RSSI = Integer.MIN_VALUE;

    public boolean hasRssi() {
        return rssi != NO_RSSI;
    }
}
