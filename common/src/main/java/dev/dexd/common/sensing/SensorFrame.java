package dev.dexd.common.sensing;

/**
 * The latest sample of every kind, as the control step consumes it once per tick: a mutable holder
 * filled in place by the sources ({@link SensorSource#read}). A kind no source provides keeps
 * {@link TimedSample#NONE} as its capture time.
 */
public final class SensorFrame {
    public final CubePose cubePose = new CubePose();
    public final FaceAngles faceAngles = new FaceAngles();
    public final Fingertips fingertips = new Fingertips();
    public final CubeState cubeState = new CubeState();

    public void copyFrom(SensorFrame o) {
        cubePose.copyFrom(o.cubePose);
        faceAngles.copyFrom(o.faceAngles);
        fingertips.copyFrom(o.fingertips);
        cubeState.copyFrom(o.cubeState);
    }

    /** Copies only the sample of {@code kind} from {@code o}. */
    public void copyFrom(SensorKind kind, SensorFrame o) {
        switch (kind) {
            case CUBE_POSE -> cubePose.copyFrom(o.cubePose);
            case FACE_ANGLES -> faceAngles.copyFrom(o.faceAngles);
            case FINGERTIPS -> fingertips.copyFrom(o.fingertips);
            case CUBE_STATE -> cubeState.copyFrom(o.cubeState);
        }
    }

    /** The sample of {@code kind}. */
    public TimedSample sample(SensorKind kind) {
        return switch (kind) {
            case CUBE_POSE -> cubePose;
            case FACE_ANGLES -> faceAngles;
            case FINGERTIPS -> fingertips;
            case CUBE_STATE -> cubeState;
        };
    }

    /** Forgets every sample (a new episode). */
    public void clear() {
        cubePose.clear();
        faceAngles.clear();
        fingertips.clear();
        cubeState.clear();
    }
}
