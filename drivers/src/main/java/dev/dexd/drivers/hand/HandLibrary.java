package dev.dexd.drivers.hand;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A loaded hand library: found by name on the native library path or by file path, checked to
 * implement this dexd's hand ABI version, and bound to the direct-mapped classes that call it.
 *
 * <p>JNA binds a direct-mapped class to one library for the whole JVM, so the bindings are
 * process-wide: one hand library at a time (a daemon drives one hand). Another library can be
 * bound once no hand of the previous one is open. That shared state lives here and nowhere else.
 */
public final class HandLibrary {
    private static final Map<Class<?>, File> BOUND = new HashMap<>();
    private static File inUse;
    private static int openHands;

    private final String spec;
    private final NativeLibrary lib;

    private HandLibrary(String spec, NativeLibrary lib) {
        this.spec = spec;
        this.lib = lib;
    }

    /**
     * Loads the library named by {@code spec}: a name ({@code dexd_mujoco} finds
     * {@code libdexd_mujoco.so} on {@code jna.library.path} or the system's paths) or a path to a
     * {@code .so}. Checks its ABI version before anything else is called.
     *
     * @param spec   library name or absolute path
     * @param source where the spec came from (a config file), named in messages; may be null
     */
    public static HandLibrary load(String spec, Path source) {
        NativeLibrary lib = open(spec, source);
        HandLibrary loaded = new HandLibrary(spec, lib);
        loaded.checkAbi();
        loaded.bind(NativeHand.class);
        return loaded;
    }

    private static NativeLibrary open(String spec, Path source) {
        String where = source == null ? "" : " in " + source;
        boolean isPath = spec.contains(File.separator);
        if (isPath && !Files.exists(Path.of(spec))) {
            throw new HandException(HandError.OPEN, "hand library " + spec + " not found: build it ('mvn -pl drivers -am"
                + " install' builds libdexd_mujoco.so) or correct hand.library" + where);
        }
        if (isPath) {
            refuseIfNotSharedLibrary(Path.of(spec), where);
        }
        try {
            return NativeLibrary.getInstance(spec);
        } catch (UnsatisfiedLinkError e) {
            if (!isPath) {
                throw new HandException(HandError.OPEN, "hand library '" + spec + "' not found on the native library path ("
                    + searchPath() + "): build it with 'mvn -pl drivers -am install', or set hand.library" + where
                    + " to the path of the .so", e);
            }
            throw new HandException(HandError.OPEN, "cannot load hand library " + spec + ": " + cause(spec, e.getMessage())
                + hint(e.getMessage()), e);
        }
    }

    /**
     * A file that is not an ELF shared object gets a one-line refusal saying what it is instead of
     * JNA's message, which ends with the whole class path (a 4 KB line for /etc/passwd).
     */
    private static void refuseIfNotSharedLibrary(Path file, String where) {
        String fix = ": set hand.library" + where + " to the path of the hand's .so (e.g. libdexd_mujoco.so)";
        if (Files.isDirectory(file)) {
            throw new HandException(HandError.OPEN, "hand.library " + file + " is a directory, not a shared library" + fix);
        }
        byte[] head = new byte[64];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
            size = Files.size(file);
        } catch (IOException e) {
            throw new HandException(HandError.OPEN, "hand.library " + file + " cannot be read (" + e.getMessage() + ")" + fix, e);
        }
        if (n < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            throw new HandException(HandError.OPEN, "hand.library " + file + " is not a shared library (ELF magic"
                + " missing: it " + (n == 0 ? "is empty" : "starts with " + printable(head, n)) + ")" + fix);
        }
        // e_type, little- or big-endian as e_ident[EI_DATA] says: 3 is ET_DYN (a shared object)
        int type = n < 18 ? -1 : head[5] == 2 ? (head[16] & 0xff) << 8 | head[17] & 0xff : (head[17] & 0xff) << 8 | head[16] & 0xff;
        if (type != 3) {
            throw new HandException(HandError.OPEN, "hand.library " + file + " is not a shared library (ELF "
                + (type == 1 ? "relocatable object: link it with -shared" : type == 2 ? "executable" : type == 4 ? "core dump"
                : "file of type " + type) + ")" + fix);
        }
        // a truncated library would be mapped and then crash the JVM (SIGBUS) inside the loader
        if (n == 64 && head[4] == 2) {
            java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(head)
                .order(head[5] == 2 ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
            long end = h.getLong(0x28) + (long) (h.getShort(0x3A) & 0xffff) * (h.getShort(0x3C) & 0xffff);
            if (end > size) {
                throw new HandException(HandError.OPEN, "hand.library " + file + " is truncated (" + size
                    + " bytes, its ELF header says at least " + end + "): copy or build it again" + fix.replace(": set", "; or set"));
            }
        }
    }

    private static String printable(byte[] b, int n) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < Math.min(n, 8); i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.append('\'').toString();
    }

    private static String searchPath() {
        String path = System.getProperty("jna.library.path");
        return path == null || path.isEmpty() ? "jna.library.path is not set; system paths only"
            : "jna.library.path=" + path + ", then system paths";
    }

    private static String hint(String message) {
        return message != null && message.contains("libmujoco")
            ? " (install MuJoCo: apt-get install -y libmujoco-dev)" : "";
    }

    /**
     * The dynamic loader's reason from JNA's message, which lists every place it tried (the last one
     * being the class path, in full): the first line that names the file, else the first line.
     */
    static String cause(String spec, String message) {
        if (message == null) {
            return "unknown error";
        }
        String[] lines = message.strip().split("\\R");
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith(spec + ":")) {
                return l.substring(spec.length() + 1).strip();
            }
        }
        String first = lines[0].strip();
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    private void checkAbi() {
        Function version;
        try {
            version = lib.getFunction("dexd_hand_abi_version");
        } catch (UnsatisfiedLinkError e) {
            throw new HandException(HandError.OPEN, "hand library " + file() + " is not a dexd hand library: it has no"
                + " dexd_hand_abi_version function", e);
        }
        int found = version.invokeInt(new Object[0]);
        if (found != NativeHand.ABI_VERSION) {
            throw new HandException(HandError.OPEN, "hand library " + file() + " implements hand ABI version " + found
                + ", but this dexd needs version " + NativeHand.ABI_VERSION + ": rebuild the library against"
                + " dexd_hand.h version " + NativeHand.ABI_VERSION + " (or use a dexd of version " + found + ")");
        }
    }

    /** True when the library also implements the simulation API ({@code dexd_sim.h}). */
    public boolean hasSimulation() {
        try {
            lib.getFunction("dexd_sim_api_version");
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** Calls an {@code int f(void)} function of the library (for version checks at load). */
    public int callInt(String function) {
        try {
            return lib.getFunction(function).invokeInt(new Object[0]);
        } catch (UnsatisfiedLinkError e) {
            throw new HandException(HandError.OPEN, "hand library " + file() + " has no function " + function, e);
        }
    }

    /**
     * Binds the static native methods of {@code directMapped} to this library, unless they are bound
     * to it already. Fails when they are bound to another library that still has open hands.
     */
    public void bind(Class<?> directMapped) {
        synchronized (BOUND) {
            File current = BOUND.get(directMapped);
            if (file().equals(current)) {
                return;
            }
            if (current != null) {
                if (openHands > 0 && !file().equals(inUse)) {
                    throw new HandException(HandError.STATE, "cannot use hand library " + file() + ": " + inUse
                        + " is in use in this process (close its hands first)");
                }
                Native.unregister(directMapped);
            }
            Native.register(directMapped, lib);
            BOUND.put(directMapped, file());
        }
    }

    /** Counts a hand opened on this library (bindings stay until it is released). */
    void retain() {
        synchronized (BOUND) {
            inUse = file();
            openHands++;
        }
    }

    /** Counts a hand closed. */
    void release() {
        synchronized (BOUND) {
            openHands--;
        }
    }

    /** The library's file. */
    public File file() {
        File f = lib.getFile();
        return f == null ? new File(spec) : f;
    }

    /** The name or path the library was asked for. */
    public String spec() {
        return spec;
    }
}
