package dev.dexd.drivers.sim;

import com.sun.jna.Pointer;

/**
 * The simulation API ({@code dexd_sim.h}) as JNA direct-mapped functions, bound to the same library
 * as the hand ABI. Structs are passed as preallocated native memory.
 */
final class NativeSim {
    /** {@code DEXD_SIM_API_VERSION} this binding implements. */
    static final int API_VERSION = 2;

    static final int TRUTH_SIZE = 240;
    static final int TRUTH_TIME = 0;
    static final int TRUTH_CUBE_POS = 16;
    static final int TRUTH_CUBE_QUAT = 40;
    static final int TRUTH_FACES = 72;
    static final int TRUTH_TIPS = 120;

    private NativeSim() {
    }

    static native int dexd_sim_clock(Pointer hand);

    static native long dexd_sim_timestep_ns(Pointer hand);

    static native int dexd_sim_reset(Pointer hand, long seed);

    static native int dexd_sim_randomise(Pointer hand, long seed);

    static native int dexd_sim_step(Pointer hand, int n);

    static native int dexd_sim_truth(Pointer hand, Pointer out);

    static native int dexd_sim_lock_joint(Pointer hand, int joint, int locked);

    static native int dexd_sim_freeze_joint(Pointer hand, int joint, int frozen);

    static native int dexd_sim_delay_actuator(Pointer hand, int actuator, int writes);

    static native int dexd_sim_face_torque(Pointer hand, int face, double torque);

    static native int dexd_sim_inject_fault(Pointer hand, int on);

    static native int dexd_sim_clear_faults(Pointer hand);
}
