package dev.dexd.common.sensing;

/** The cube's pose in the world frame: centre (m), orientation (unit quaternion w x y z), confidence, cameras used. */
public final class CubePose extends TimedSample {
    public final double[] position = new double[3];
    public final double[] quaternion = {1, 0, 0, 0};
    /** 0..1; 1 where the source gives none (the simulation). */
    public double confidence = 1;
    /** Estimates that went into the pose (cameras after outlier rejection); 0 when none yet. */
    public int cameras;

    public void copyFrom(CubePose o) {
        copyStamp(o);
        System.arraycopy(o.position, 0, position, 0, 3);
        System.arraycopy(o.quaternion, 0, quaternion, 0, 4);
        confidence = o.confidence;
        cameras = o.cameras;
    }
}
