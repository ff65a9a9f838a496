/**
 * The Giiker smart cube: frame decoding and encoding ({@code frame}), the BlueZ transport ({@code ble}).
 * See docs/giiker.md.
 */
package dev.dexd.giiker;
