package dev.dexd.giiker.frame;

/** Hex strings to bytes and back, for tests. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(final String hex) {
        final byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    static String of(final byte[] b) {
        final StringBuilder s = new StringBuilder();
        for (final byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
