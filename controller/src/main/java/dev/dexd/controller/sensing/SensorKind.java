package dev.dexd.controller.sensing;

import java.util.Locale;

/** The sensor inputs the control step checks for age, by the names the console and config use. */
public enum SensorKind {
    CUBE_POSE,
    FACE_ANGLES,
    FINGERTIPS;

    private static final SensorKind[] VALUES = values();

    /** The console's name, e.g. {@code cube_pose}. */
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

    /** Every name, for messages: "cube_pose | face_angles | fingertips". */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (SensorKind k : VALUES) {
            sb.append(sb.length() == 0 ? "" : " | ").append(k.text());
        }
        return sb.toString();
    }
}
