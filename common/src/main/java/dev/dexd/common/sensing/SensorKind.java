package dev.dexd.common.sensing;

import java.util.Locale;

/** The kinds of sensor input, by the names the config ({@code sensors:}), the console and the log use. */
public enum SensorKind {
    /** Cube position and orientation ({@link CubePose}). */
    CUBE_POSE,
    /** The six face angles ({@link FaceAngles}). */
    FACE_ANGLES,
    /** The five fingertip positions ({@link Fingertips}). */
    FINGERTIPS,
    /** The cube's facelets, for solving ({@link CubeState}); not a policy input, never held for. */
    CUBE_STATE;

    private static final SensorKind[] VALUES = values();

    /** The config's and console's name, e.g. {@code cube_pose}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code text} (case-insensitive, '-' or '_'), or null. */
    public static SensorKind ofText(String text) {
        String t = text.toUpperCase(Locale.ROOT).replace('-', '_');
        for (SensorKind k : VALUES) {
            if (k.name().equals(t)) {
                return k;
            }
        }
        return null;
    }

    /** Every name, for messages: "cube_pose | face_angles | fingertips | cube_state". */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (SensorKind k : VALUES) {
            sb.append(sb.length() == 0 ? "" : " | ").append(k.text());
        }
        return sb.toString();
    }
}
