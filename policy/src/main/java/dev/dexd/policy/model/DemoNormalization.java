package dev.dexd.policy.model;

import java.util.Arrays;

/**
 * Plausible running statistics for the 54 observation features, as a trained policy's manifest
 * would carry them: fingertips a few cm from the hand origin, the cube held about 35 cm out,
 * quaternion components and face-angle sines and cosines centred on zero.
 */
final class DemoNormalization {
    static final float CLIP = 5.0f;

    /** Fingertip xyz means in metres, FF, MF, RF, LF, TH. */
    private static final float[] FINGERTIP_MEAN = {
        0.033f, 0.062f, 0.095f,
        0.041f, 0.058f, 0.098f,
        0.049f, 0.055f, 0.094f,
        0.057f, 0.052f, 0.088f,
        0.030f, 0.071f, 0.065f,
    };
    private static final float[] CUBE_POS_MEAN = {0.0f, -0.01f, 0.35f};

    private DemoNormalization() {
    }

    static float[] mean() {
        float[] mean = new float[DemoContract.OBSERVATION_SIZE];
        System.arraycopy(FINGERTIP_MEAN, 0, mean, 0, 15);
        System.arraycopy(CUBE_POS_MEAN, 0, mean, 15, 3);
        return mean;
    }

    static float[] std() {
        float[] std = new float[DemoContract.OBSERVATION_SIZE];
        Arrays.fill(std, 0, 15, 0.02f);
        Arrays.fill(std, 15, 18, 0.01f);
        Arrays.fill(std, 18, 30, 0.5f);
        Arrays.fill(std, 30, 54, 0.7f);
        return std;
    }
}
