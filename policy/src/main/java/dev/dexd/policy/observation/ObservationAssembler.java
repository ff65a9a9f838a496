package dev.dexd.policy.observation;

import dev.dexd.common.geometry.Quaternions;
import dev.dexd.policy.manifest.PolicyManifest;
import dev.dexd.policy.manifest.PolicyManifest.FeatureSlot;
import dev.dexd.policy.manifest.PolicyManifest.Normalization;
import java.nio.FloatBuffer;

/**
 * Builds the policy's input vector from a {@link SensorSnapshot}, in manifest order, then normalises
 * and clips it into the model's input buffer in place. Two stages, so that offline tools that start
 * from raw feature rows ({@code dexd policy rollout}) share the daemon's normalisation exactly.
 * Allocates nothing.
 */
public final class ObservationAssembler {
    private final FeatureSlot[] slots;
    private final int size;
    private final float[] mean;
    private final float[] std;
    private final float clip;

    public ObservationAssembler(PolicyManifest manifest) {
        this.slots = manifest.features().toArray(new FeatureSlot[0]);
        this.size = manifest.observationSize();
        Normalization n = manifest.normalization();
        this.mean = new float[size];
        this.std = new float[size];
        for (int i = 0; i < size; i++) {
            mean[i] = n == null ? 0f : n.mean()[i];
            std[i] = n == null ? 1f : n.std()[i];
        }
        this.clip = n == null ? Float.POSITIVE_INFINITY : n.clip();
    }

    /** The observation width N. */
    public int size() {
        return size;
    }

    /**
     * Writes the raw (unnormalised) feature values into {@code raw[0..N)}.
     *
     * @return false when any value is not finite: the caller must not run the policy on it
     */
    public boolean compute(SensorSnapshot s, double[] raw) {
        for (FeatureSlot slot : slots) {
            int o = slot.offset();
            switch (slot.feature()) {
                case FINGERTIP_POS -> System.arraycopy(s.fingertipPos, 0, raw, o, 15);
                case CUBE_POS -> System.arraycopy(s.cubePos, 0, raw, o, 3);
                case CUBE_QUAT -> System.arraycopy(s.cubeQuat, 0, raw, o, 4);
                case GOAL_QUAT -> System.arraycopy(s.goalQuat, 0, raw, o, 4);
                case REL_GOAL_QUAT -> Quaternions.relative(s.goalQuat, s.cubeQuat, raw, o);
                case GOAL_FACE_ANGLES -> sinCos(s.goalFaceAngles, null, raw, o);
                case REL_GOAL_FACE_ANGLES -> sinCos(s.goalFaceAngles, s.cubeFaceAngles, raw, o);
                case CUBE_FACE_ANGLES -> sinCos(s.cubeFaceAngles, null, raw, o);
                case JOINT_POS -> System.arraycopy(s.jointPos, 0, raw, o, 24);
                case JOINT_VEL -> System.arraycopy(s.jointVel, 0, raw, o, 24);
                default -> throw new IllegalStateException("feature without an assembler: " + slot.feature());
            }
        }
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(raw[i])) {
                return false;
            }
        }
        return true;
    }

    /** Writes (raw - mean) / std, clipped to +-clip, into {@code out[0..N)} (absolute puts). */
    public void normalize(double[] raw, FloatBuffer out) {
        for (int i = 0; i < size; i++) {
            float v = ((float) raw[i] - mean[i]) / std[i];
            out.put(i, v > clip ? clip : Math.max(v, -clip));
        }
    }

    /** {@link #compute} then {@link #normalize}; false (and the buffer untouched) on non-finite input. */
    public boolean assemble(SensorSnapshot s, double[] raw, FloatBuffer out) {
        if (!compute(s, raw)) {
            return false;
        }
        normalize(raw, out);
        return true;
    }

    /** (sin, cos) pairs of {@code a - b} (b may be null), the difference wrapped to [-pi, pi]. */
    private static void sinCos(double[] a, double[] b, double[] raw, int o) {
        for (int i = 0; i < 6; i++) {
            double x = b == null ? a[i] : Angles.wrap(a[i] - b[i]);
            raw[o + 2 * i] = Math.sin(x);
            raw[o + 2 * i + 1] = Math.cos(x);
        }
    }
}
