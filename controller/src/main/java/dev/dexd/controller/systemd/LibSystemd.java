package dev.dexd.controller.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The one libsystemd call dexd makes (sd_notify(3)). libsystemd reads {@code NOTIFY_SOCKET} itself,
 * handles abstract sockets ({@code @name}) and credentials, and does nothing without the variable.
 */
interface LibSystemd extends Library {
    /** @return &gt; 0 sent, 0 no NOTIFY_SOCKET, &lt; 0 a negative errno */
    int sd_notify(int unsetEnvironment, String state);

    /** Loads the library (Debian ships libsystemd.so.0 without the unversioned link, which is a -dev file). */
    static LibSystemd load() {
        try {
            return Native.load("libsystemd.so.0", LibSystemd.class);
        } catch (UnsatisfiedLinkError e) {
            return Native.load("systemd", LibSystemd.class);
        }
    }
}
