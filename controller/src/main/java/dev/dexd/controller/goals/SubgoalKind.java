package dev.dexd.controller.goals;

/** The two kinds of goal the Dactyl policy was trained on. */
public enum SubgoalKind {
    /** Turn the face on top by 90 degrees, the rest of the cube held still. */
    ROTATION,
    /** Reorient the whole cube so that a given face is on top, all faces straight. */
    FLIP;

    /** "rotation" or "flip". */
    public String text() {
        return this == ROTATION ? "rotation" : "flip";
    }
}
