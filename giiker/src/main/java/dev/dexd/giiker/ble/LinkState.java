package dev.dexd.giiker.ble;

/** The lifecycle of a {@link GiikerLink}, as {@code dexd stat} and the status line show it. */
public enum LinkState {
    /** Built, not started. */
    CONFIGURED,
    /** Looking for the cube (discovery on). */
    SCANNING,
    /** Connecting and waiting for the GATT services to resolve. */
    CONNECTING,
    /** Notifications on: frames arrive. */
    CONNECTED,
    /** Lost the cube or failed an attempt; waiting out the backoff before the next one. */
    RECONNECTING,
    /** Closed by its owner. */
    STOPPED,
    /** Gave up after the configured number of attempts (see {@link LinkHealth#lastError()}). */
    FAILED
}
