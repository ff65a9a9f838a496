package dev.dexd.common.sensing;

/** Fingertip positions FF, MF, RF, LF, TH, each x y z in the hand frame, metres. */
public final class Fingertips extends TimedSample {
    public static final int FINGERS = 5;
    public static final int LENGTH = FINGERS * 3;
    public final double[] positions = new double[LENGTH];

    public void copyFrom(Fingertips o) {
        copyStamp(o);
        System.arraycopy(o.positions, 0, positions, 0, LENGTH);
    }
}
