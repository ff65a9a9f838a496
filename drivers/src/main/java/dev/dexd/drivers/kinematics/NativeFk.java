package dev.dexd.drivers.kinematics;

import com.sun.jna.Pointer;

/**
 * The fingertip kinematics API ({@code dexd_fk.h}) as JNA direct-mapped functions. Arrays are passed
 * as preallocated native memory, so a call is one JNI transition and no allocation.
 */
final class NativeFk {
    /** {@code DEXD_FK_API_VERSION} this binding implements. */
    static final int API_VERSION = 1;

    private NativeFk() {
    }

    static native int dexd_fk_open(String modelPath, Pointer out);

    static native int dexd_fk_compute(Pointer fk, Pointer jointPos, Pointer tipsOut);

    static native int dexd_fk_close(Pointer fk);

    static native int dexd_fk_last_error(Pointer fk, byte[] buf, int len);
}
