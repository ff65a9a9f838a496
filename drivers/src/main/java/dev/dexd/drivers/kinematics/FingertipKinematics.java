package dev.dexd.drivers.kinematics;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.dexd.drivers.hand.HandError;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandState;
import java.io.File;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fingertip positions from measured joint positions: MuJoCo's forward kinematics on the hand's MJCF
 * model, in {@code libdexd_mujoco.so} ({@code dexd_fk.h}). A context has its own model and data,
 * shared with no simulation, so it serves a real hand as well as the simulated one.
 *
 * <p>Input: the 24 joint positions in the order of {@link HandState#jointPos} (and
 * {@code HandDescription.jointNames()}); the model's joints are found by those names. Output: the
 * five fingertips FF, MF, RF, LF, TH, each x, y, z in metres, in the hand frame, the same frame as
 * {@code WorldTruth.fingertipPos}: the origin and axes of the model's body {@code hand_mount}
 * (Shadow model: +z from wrist to fingers, -y out of the palm).
 *
 * <p>Open at start, {@link #compute} on the control thread every tick (one JNI call, no allocation,
 * a few microseconds), {@link #close} after that thread has stopped. One thread at a time.
 */
public final class FingertipKinematics implements AutoCloseable {
    /** Joint positions in. */
    public static final int JOINTS = HandState.JOINTS;
    /** Fingertips out (FF, MF, RF, LF, TH). */
    public static final int FINGERTIPS = 5;
    /** The library that has the kinematics, looked up on the native library path. */
    public static final String LIBRARY = "dexd_mujoco";

    private static final int ERROR_TEXT = 1024;
    private static File boundTo;
    private static int openContexts;

    private final Path model;
    private final Memory jointMem = new Memory((long) Double.BYTES * JOINTS);
    private final DoubleBuffer joints = doubles(jointMem, JOINTS);
    private final Memory tipMem = new Memory((long) Double.BYTES * FINGERTIPS * 3);
    private final DoubleBuffer tips = doubles(tipMem, FINGERTIPS * 3);
    private volatile Pointer handle;

    private FingertipKinematics(Path model, Pointer handle) {
        this.model = model;
        this.handle = handle;
    }

    /**
     * Loads the hand's MJCF model with the kinematics of {@code libdexd_mujoco.so} found on the native
     * library path (as the daemon finds the simulation).
     *
     * @throws HandException with one line naming the file and the fix when the library or the model cannot be used
     */
    public static FingertipKinematics open(Path model) {
        return open(model, LIBRARY);
    }

    /**
     * Like {@link #open(Path)} with the library named by {@code library}: a name on the native library
     * path or the path of {@code libdexd_mujoco.so}.
     */
    public static FingertipKinematics open(Path model, String library) {
        Path file = model.toAbsolutePath().normalize();
        String fix = ": give the hand's MJCF model, with its 24 joints, the sites FFtip..THtip and the body hand_mount"
            + " (the simulation's is configs/sim/shadow_hand_cube.xml)";
        if (!Files.isRegularFile(file)) {
            throw new HandException(HandError.OPEN, "fingertip kinematics model " + file
                + (Files.exists(file) ? " is not a file" : " not found") + fix);
        }
        synchronized (FingertipKinematics.class) {
            bind(library);
            Memory out = new Memory(Native.POINTER_SIZE);
            out.setPointer(0, null);
            int rc = NativeFk.dexd_fk_open(file.toString(), out);
            if (rc != 0) {
                throw new HandException(HandError.of(rc), "fingertip kinematics: " + lastError(null) + fix);
            }
            openContexts++;
            return new FingertipKinematics(file, out.getPointer(0));
        }
    }

    /** Binds {@link NativeFk} to the library once; another library only while no context is open. */
    private static void bind(String spec) {
        NativeLibrary lib = load(spec);
        File file = lib.getFile() == null ? new File(spec) : lib.getFile();
        if (file.equals(boundTo)) {
            return;
        }
        if (boundTo != null) {
            if (openContexts > 0) {
                throw new HandException(HandError.STATE, "fingertip kinematics cannot use " + file + ": " + boundTo
                    + " is in use in this process (close its contexts first)");
            }
            Native.unregister(NativeFk.class);
        }
        Function version;
        try {
            version = lib.getFunction("dexd_fk_api_version");
        } catch (UnsatisfiedLinkError e) {
            throw new HandException(HandError.OPEN, "library " + file + " has no fingertip kinematics (no"
                + " dexd_fk_api_version): rebuild it with 'mvn -pl drivers -am install'", e);
        }
        int found = version.invokeInt(new Object[0]);
        if (found != NativeFk.API_VERSION) {
            throw new HandException(HandError.OPEN, "library " + file + " implements fingertip kinematics API version "
                + found + ", but this dexd needs version " + NativeFk.API_VERSION + ": rebuild it with"
                + " 'mvn -pl drivers -am install'");
        }
        Native.register(NativeFk.class, lib);
        boundTo = file;
    }

    private static NativeLibrary load(String spec) {
        try {
            return NativeLibrary.getInstance(spec);
        } catch (UnsatisfiedLinkError e) {
            String path = System.getProperty("jna.library.path");
            throw new HandException(HandError.OPEN, "fingertip kinematics needs library '" + spec + "' (libdexd_mujoco.so),"
                + " not found on the native library path (" + (path == null || path.isEmpty()
                ? "jna.library.path is not set" : "jna.library.path=" + path) + "): build it with"
                + " 'mvn -pl drivers -am install' and run dexd from its launcher (bin/dexd)", e);
        }
    }

    private static DoubleBuffer doubles(Memory mem, int count) {
        return mem.getByteBuffer(0, (long) Double.BYTES * count).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /**
     * Computes the fingertips for {@code jointPos} (24 joint positions, rad) into {@code out} (15
     * values: FF x y z, MF, RF, LF, TH; metres, hand frame). Allocates nothing.
     *
     * @throws HandException when a joint position is NaN or infinite ({@code out} untouched), or once closed
     */
    public void compute(double[] jointPos, double[] out) {
        int rc = tryCompute(jointPos, out);
        if (rc < 0) {
            HandError error = HandError.of(rc);
            throw new HandException(error, "fingertip kinematics: " + lastError() + " (" + error + ")");
        }
    }

    /**
     * Like {@link #compute} but returns the library's code instead of throwing: 0, or a negative
     * {@code DEXD_HAND_E_*} with {@code out} untouched and the text in {@link #lastError()}.
     */
    public int tryCompute(double[] jointPos, double[] out) {
        if (jointPos.length != JOINTS || out.length != FINGERTIPS * 3) {
            throw new IllegalArgumentException("fingertip kinematics needs " + JOINTS + " joint positions and room for "
                + FINGERTIPS * 3 + " values, got " + jointPos.length + " and " + out.length);
        }
        Pointer h = open();
        joints.put(0, jointPos, 0, JOINTS);
        int rc = NativeFk.dexd_fk_compute(h, jointMem, tipMem);
        if (rc == 0) {
            tips.get(0, out, 0, FINGERTIPS * 3);
        }
        return rc;
    }

    /** The text of the last failed compute. */
    public String lastError() {
        return lastError(handle);
    }

    /** The model file this context loaded. */
    public Path model() {
        return model;
    }

    /** Frees the native context; later calls throw. */
    @Override
    public void close() {
        synchronized (FingertipKinematics.class) {
            Pointer h = handle;
            if (h == null) {
                return;
            }
            handle = null;
            openContexts--;
            NativeFk.dexd_fk_close(h);
        }
    }

    private Pointer open() {
        Pointer h = handle;
        if (h == null) {
            throw new HandException(HandError.STATE, "fingertip kinematics is closed");
        }
        return h;
    }

    private static String lastError(Pointer h) {
        byte[] buf = new byte[ERROR_TEXT];
        int n = NativeFk.dexd_fk_last_error(h, buf, buf.length);
        if (n <= 0) {
            return "no error text from the library";
        }
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
