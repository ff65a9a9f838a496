package dev.dexd.drivers.hand;

import com.sun.jna.Pointer;

/**
 * The hand ABI ({@code dexd_hand.h}) as JNA direct-mapped functions: bound with
 * {@code Native.register} to whichever library {@link HandLibrary} loaded, so a call costs a JNI
 * transition and nothing else. Structs are passed as preallocated native memory.
 */
final class NativeHand {
    /** {@code DEXD_HAND_ABI_VERSION} this binding implements. */
    static final int ABI_VERSION = 1;

    static final int DESCRIPTION_SIZE = 1504;
    static final int DESC_ABI = 4;
    static final int DESC_JOINTS = 8;
    static final int DESC_ACTUATORS = 12;
    static final int DESC_CAPABILITIES = 16;
    static final int DESC_PERIOD = 24;
    static final int DESC_LIBRARY = 32;
    static final int DESC_JOINT_NAMES = 96;
    static final int DESC_ACTUATOR_NAMES = 480;
    static final int NAME_LEN = 16;
    static final int DESC_JOINT_MIN = 800;
    static final int DESC_JOINT_MAX = 992;
    static final int DESC_ACTUATOR_MIN = 1184;
    static final int DESC_ACTUATOR_MAX = 1344;

    static final int STATE_SIZE = 720;
    static final int STATE_STAMP = 0;
    static final int STATE_STATUS = 8;
    static final int STATE_JOINT_POS = 16;
    static final int STATE_JOINT_VEL = 208;
    static final int STATE_ACTUATOR_POS = 400;
    static final int STATE_ACTUATOR_EFFORT = 560;

    private NativeHand() {
    }

    static native int dexd_hand_abi_version();

    static native int dexd_hand_open(String config, Pointer out);

    static native int dexd_hand_describe(Pointer hand, Pointer out);

    static native int dexd_hand_read(Pointer hand, Pointer out);

    static native int dexd_hand_write(Pointer hand, Pointer targets);

    static native int dexd_hand_hold(Pointer hand);

    static native int dexd_hand_resume(Pointer hand);

    static native int dexd_hand_close(Pointer hand);

    static native int dexd_hand_last_error(Pointer hand, byte[] buf, int len);
}
