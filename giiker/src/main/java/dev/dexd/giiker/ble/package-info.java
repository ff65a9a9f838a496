/**
 * The Giiker cube's Bluetooth LE transport: BlueZ's D-Bus API (dbus-java, JDK unix sockets). {@link
 * dev.dexd.giiker.ble.CubeScanner} finds cubes; {@link dev.dexd.giiker.ble.GiikerLink} connects to one on
 * its own thread, delivers raw notifications to a {@link dev.dexd.giiker.ble.GiikerLink.Listener},
 * writes commands (battery, reset) and reconnects with backoff. Decoding is not done here (package
 * {@code dev.dexd.giiker.frame}). See docs/giiker.md, section "Bluetooth (BlueZ)".
 */
package dev.dexd.giiker.ble;
