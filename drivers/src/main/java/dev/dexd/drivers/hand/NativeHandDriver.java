package dev.dexd.drivers.hand;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link HandDriver} over a native hand library (the C ABI in {@code dexd_hand.h}). Reads and
 * writes go through native memory allocated once at open and viewed through NIO buffers, so a
 * read or a write costs one JNI call and no allocation.
 *
 * <p>Open and active after construction. Subclasses add library-specific calls on the same handle
 * (the simulation's, for one).
 */
public class NativeHandDriver implements HandDriver {
    private static final int ERROR_TEXT = 1024;

    private final HandLibrary library;
    private final HandDescription description;
    private final Memory stateMem = new Memory(NativeHand.STATE_SIZE);
    private final ByteBuffer stateBuf = stateMem.getByteBuffer(0, NativeHand.STATE_SIZE).order(ByteOrder.nativeOrder());
    private final DoubleBuffer jointPos = doubles(stateBuf, NativeHand.STATE_JOINT_POS, HandState.JOINTS);
    private final DoubleBuffer jointVel = doubles(stateBuf, NativeHand.STATE_JOINT_VEL, HandState.JOINTS);
    private final DoubleBuffer actuatorPos = doubles(stateBuf, NativeHand.STATE_ACTUATOR_POS, HandState.ACTUATORS);
    private final DoubleBuffer actuatorEffort = doubles(stateBuf, NativeHand.STATE_ACTUATOR_EFFORT, HandState.ACTUATORS);
    private final Memory targetMem = new Memory(8L * HandState.ACTUATORS);
    private final DoubleBuffer targets = doubles(
        targetMem.getByteBuffer(0, targetMem.size()).order(ByteOrder.nativeOrder()), 0, HandState.ACTUATORS);
    private volatile Pointer handle;

    /**
     * Opens a hand with {@code config} ({@code key=value;...}, the library's own keys).
     *
     * @throws HandException with the library's error text when the library refuses
     */
    public NativeHandDriver(HandLibrary library, String config) {
        this.library = library;
        Memory out = new Memory(Native.POINTER_SIZE);
        out.setPointer(0, null);
        int rc = NativeHand.dexd_hand_open(config, out);
        if (rc != 0) {
            throw new HandException(HandError.of(rc), "cannot open the hand (library " + library.file() + "): "
                + lastError(null) + " (" + HandError.of(rc) + ")");
        }
        this.handle = out.getPointer(0);
        library.retain();
        try {
            this.description = describeNative();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static DoubleBuffer doubles(ByteBuffer buf, int offset, int count) {
        return buf.slice(offset, count * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    private HandDescription describeNative() {
        Memory d = new Memory(NativeHand.DESCRIPTION_SIZE);
        d.clear();
        check(NativeHand.dexd_hand_describe(handle, d), "describe");
        int size = d.getInt(0);
        int joints = d.getInt(NativeHand.DESC_JOINTS);
        int actuators = d.getInt(NativeHand.DESC_ACTUATORS);
        if (size != NativeHand.DESCRIPTION_SIZE || joints != HandState.JOINTS || actuators != HandState.ACTUATORS) {
            throw new HandException(HandError.OPEN, "hand library " + library.file() + " describes " + joints
                + " joints and " + actuators + " actuators in a " + size + "-byte struct; dexd needs 24, 20 and "
                + NativeHand.DESCRIPTION_SIZE);
        }
        return new HandDescription(d.getInt(NativeHand.DESC_ABI), d.getString(NativeHand.DESC_LIBRARY, "UTF-8"),
            d.getInt(NativeHand.DESC_CAPABILITIES), d.getLong(NativeHand.DESC_PERIOD),
            names(d, NativeHand.DESC_JOINT_NAMES, joints), names(d, NativeHand.DESC_ACTUATOR_NAMES, actuators),
            d.getDoubleArray(NativeHand.DESC_JOINT_MIN, joints), d.getDoubleArray(NativeHand.DESC_JOINT_MAX, joints),
            d.getDoubleArray(NativeHand.DESC_ACTUATOR_MIN, actuators),
            d.getDoubleArray(NativeHand.DESC_ACTUATOR_MAX, actuators));
    }

    private static List<String> names(Memory d, int offset, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(d.getString(offset + (long) i * NativeHand.NAME_LEN, "UTF-8"));
        }
        return names;
    }

    @Override
    public HandDescription describe() {
        return description;
    }

    @Override
    public void read(HandState out) {
        check(tryRead(out), "read");
    }

    @Override
    public int tryRead(HandState out) {
        int rc = NativeHand.dexd_hand_read(open(), stateMem);
        if (rc < 0) {
            return rc;
        }
        out.stampNanos = stateBuf.getLong(NativeHand.STATE_STAMP);
        out.status = stateBuf.getInt(NativeHand.STATE_STATUS);
        jointPos.get(0, out.jointPos, 0, HandState.JOINTS);
        jointVel.get(0, out.jointVel, 0, HandState.JOINTS);
        actuatorPos.get(0, out.actuatorPos, 0, HandState.ACTUATORS);
        actuatorEffort.get(0, out.actuatorEffort, 0, HandState.ACTUATORS);
        return rc;
    }

    @Override
    public int tryWrite(double[] values) {
        if (values.length != HandState.ACTUATORS) {
            throw new IllegalArgumentException("write needs " + HandState.ACTUATORS + " targets, got " + values.length);
        }
        targets.put(0, values, 0, HandState.ACTUATORS);
        return NativeHand.dexd_hand_write(open(), targetMem);
    }

    @Override
    public String lastError() {
        return lastError(handle);
    }

    @Override
    public int write(double[] values) {
        return check(tryWrite(values), "write");
    }

    @Override
    public void hold() {
        check(NativeHand.dexd_hand_hold(open()), "hold");
    }

    @Override
    public void resume() {
        check(NativeHand.dexd_hand_resume(open()), "resume");
    }

    @Override
    public synchronized void close() {
        Pointer h = handle;
        if (h == null) {
            return;
        }
        handle = null;
        library.release();
        NativeHand.dexd_hand_close(h);
    }

    /** The native handle, for subclasses that call more of the library; throws once closed. */
    protected final Pointer open() {
        Pointer h = handle;
        if (h == null) {
            throw new HandException(HandError.STATE, "the hand is closed");
        }
        return h;
    }

    /** The library this hand runs on. */
    public final HandLibrary library() {
        return library;
    }

    /**
     * Returns {@code rc} when it is not negative, else throws a {@link HandException} with the
     * library's error text. Allocates only on failure.
     */
    protected final int check(int rc, String call) {
        if (rc < 0) {
            HandError error = HandError.of(rc);
            throw new HandException(error, "hand " + call + " failed: " + lastError(handle) + " (" + error + ")");
        }
        return rc;
    }

    private static String lastError(Pointer h) {
        byte[] buf = new byte[ERROR_TEXT];
        int n = NativeHand.dexd_hand_last_error(h, buf, buf.length);
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
