package dev.dexd.common.sensing;

/** The six face angles, radians, faces U R F D L B (docs/policy-contract.md). */
public final class FaceAngles extends TimedSample {
    public static final int FACES = 6;
    public final double[] angles = new double[FACES];

    public void copyFrom(FaceAngles o) {
        copyStamp(o);
        System.arraycopy(o.angles, 0, angles, 0, FACES);
    }
}
