package dev.dexd.drivers.sim;

import com.sun.jna.Memory;
import dev.dexd.drivers.ClockMode;
import dev.dexd.drivers.hand.HandError;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandLibrary;
import dev.dexd.drivers.hand.NativeHandDriver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * The MuJoCo hand-and-cube simulation ({@code libdexd_mujoco.so}): a {@link NativeHandDriver} plus
 * what only a simulation offers: seeded episodes, stepping in lockstep, the world's ground truth,
 * and injected faults. Same seed and same writes in lockstep give the same trajectory, bit for bit.
 *
 * <p>Threads: in lockstep, the calls added here come from the thread that steps; in realtime they
 * may come from any one thread at a time. {@link #step} and {@link #readTruth} do not allocate.
 */
public final class SimulatedHand extends NativeHandDriver {
    /** Face indices in {@link WorldTruth#faceAngles} and {@link #setFaceTorque}. */
    public static final int U = 0, R = 1, F = 2, D = 3, L = 4, B = 5;

    private final ClockMode clock;
    private final long timestepNanos;
    private final Memory truthMem = new Memory(NativeSim.TRUTH_SIZE);
    private final ByteBuffer truthBuf = truthMem.getByteBuffer(0, NativeSim.TRUTH_SIZE).order(ByteOrder.nativeOrder());
    private final DoubleBuffer cubePos = doubles(NativeSim.TRUTH_CUBE_POS, 3);
    private final DoubleBuffer cubeQuat = doubles(NativeSim.TRUTH_CUBE_QUAT, 4);
    private final DoubleBuffer faces = doubles(NativeSim.TRUTH_FACES, WorldTruth.FACES);
    private final DoubleBuffer tips = doubles(NativeSim.TRUTH_TIPS, WorldTruth.FINGERTIPS * 3);

    /**
     * Opens the simulation in {@code library} (which must implement {@code dexd_sim.h}).
     *
     * @throws HandException when the library is not a simulation of this API version, or refuses the config
     */
    public SimulatedHand(HandLibrary library, String config) {
        super(bound(library), config);
        this.clock = check(NativeSim.dexd_sim_clock(open()), "clock") == 0 ? ClockMode.LOCKSTEP : ClockMode.REALTIME;
        this.timestepNanos = NativeSim.dexd_sim_timestep_ns(open());
    }

    private static HandLibrary bound(HandLibrary library) {
        if (!library.hasSimulation()) {
            throw new HandException(HandError.UNSUPPORTED, "hand library " + library.file()
                + " is not a simulation (it has no dexd_sim_* functions)");
        }
        int version = library.callInt("dexd_sim_api_version");
        if (version != NativeSim.API_VERSION) {
            throw new HandException(HandError.OPEN, "hand library " + library.file() + " implements simulation API"
                + " version " + version + ", but this dexd needs version " + NativeSim.API_VERSION
                + ": rebuild it with 'mvn -pl drivers -am install'");
        }
        library.bind(NativeSim.class);
        return library;
    }

    private DoubleBuffer doubles(int offset, int count) {
        return truthBuf.slice(offset, count * Double.BYTES).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    /** Who advances time. */
    public ClockMode clock() {
        return clock;
    }

    /** The physics time step. */
    public long timestepNanos() {
        return timestepNanos;
    }

    /**
     * Starts a new episode from {@code seed}: physics parameters and the cube's pose sampled within
     * the configured ranges; faults, hold, watchdog and face torques cleared; targets at the
     * initial pose.
     */
    public void reset(long seed) {
        check(NativeSim.dexd_sim_reset(open(), seed), "reset");
    }

    /** Resamples the physics parameters from {@code seed}, keeping the state (a perturbation). */
    public void randomise(long seed) {
        check(NativeSim.dexd_sim_randomise(open(), seed), "randomise");
    }

    /** Advances the physics by {@code steps} time steps (lockstep clock only). */
    public void step(int steps) {
        check(NativeSim.dexd_sim_step(open(), steps), "step");
    }

    /** The number of steps that make up {@code nanos} of simulated time (rounded down, at least 1). */
    public int stepsFor(long nanos) {
        return (int) Math.max(1, nanos / timestepNanos);
    }

    /** Copies the latest ground truth into {@code out}. */
    public void readTruth(WorldTruth out) {
        check(NativeSim.dexd_sim_truth(open(), truthMem), "truth");
        out.timeNanos = truthBuf.getLong(NativeSim.TRUTH_TIME);
        cubePos.get(0, out.cubePos, 0, 3);
        cubeQuat.get(0, out.cubeQuat, 0, 4);
        faces.get(0, out.faceAngles, 0, WorldTruth.FACES);
        tips.get(0, out.fingertipPos, 0, WorldTruth.FINGERTIPS * 3);
    }

    /** Fault: pins joint {@code joint} (0..23) where it is now, or frees it. */
    public void lockJoint(int joint, boolean locked) {
        check(NativeSim.dexd_sim_lock_joint(open(), joint, locked ? 1 : 0), "lock joint");
    }

    /** Fault: reads report joint {@code joint}'s current position (velocity 0) until unfrozen. */
    public void freezeJoint(int joint, boolean frozen) {
        check(NativeSim.dexd_sim_freeze_joint(open(), joint, frozen ? 1 : 0), "freeze joint");
    }

    /** Fault: actuator {@code actuator} applies the target written {@code writes} writes ago (0..15). */
    public void delayActuator(int actuator, int writes) {
        check(NativeSim.dexd_sim_delay_actuator(open(), actuator, writes), "delay actuator");
    }

    /** Perturbation: a torque (N m, about the face's outward normal) on face layer {@code face} until changed. */
    public void setFaceTorque(int face, double torque) {
        check(NativeSim.dexd_sim_face_torque(open(), face, torque), "face torque");
    }

    /**
     * Fault: while {@code on}, every read reports {@link dev.dexd.drivers.hand.HandStatus#FAULT} (the
     * physics runs on). Cleared by {@link #reset} and {@link #clearFaults} too. Any thread.
     */
    public void injectFault(boolean on) {
        check(NativeSim.dexd_sim_inject_fault(open(), on ? 1 : 0), "inject fault");
    }

    /** Removes every fault and face torque. */
    public void clearFaults() {
        check(NativeSim.dexd_sim_clear_faults(open()), "clear faults");
    }
}
