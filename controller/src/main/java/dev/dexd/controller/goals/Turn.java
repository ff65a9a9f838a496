package dev.dexd.controller.goals;

/**
 * Direction of a quarter turn of a face, as seen from outside that face. Clockwise lowers the face
 * angle by pi/2 (see {@link Face} for the sign convention).
 */
public enum Turn {
    CW(-Math.PI / 2),
    CCW(Math.PI / 2);

    private final double faceAngleDelta;

    Turn(final double faceAngleDelta) {
        this.faceAngleDelta = faceAngleDelta;
    }

    /** Change of the turned face's angle, radians: -pi/2 for clockwise, +pi/2 for counter-clockwise. */
    public double faceAngleDelta() {
        return faceAngleDelta;
    }

    /** "cw" or "ccw", as the console spells it. */
    public String text() {
        return this == CW ? "cw" : "ccw";
    }

    /** The turn named "cw" or "ccw" (any case), or null. */
    public static Turn ofText(final String text) {
        if ("cw".equalsIgnoreCase(text)) {
            return CW;
        }
        return "ccw".equalsIgnoreCase(text) ? CCW : null;
    }
}
