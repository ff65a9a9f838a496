package dev.dexd.controller.goals;

/**
 * The six faces of the cube, in the order U R F D L B that every face-angle array in dexd uses,
 * with their outward normals in the cube's own frame: U +z, R +x, F -y, D -z, L -x, B +y (the frame
 * of the simulated cube in configs/sim and of OpenAI's robogym). With F towards the viewer and U up,
 * R is on the viewer's right, so the frame is right-handed.
 *
 * <p>Face angles: each face's angle is the rotation of that layer about its outward normal,
 * right-handed, in radians. A clockwise quarter turn as seen from outside the face (the standard
 * notation's {@code R}, {@code U}, ...) therefore changes the angle by {@code -pi/2}; the simulated
 * cube's hinges use the same axes.
 */
public enum Face {
    U(0, 0, 1),
    R(1, 0, 0),
    F(0, -1, 0),
    D(0, 0, -1),
    L(-1, 0, 0),
    B(0, 1, 0);

    /** Number of faces. */
    public static final int COUNT = 6;

    private static final Face[] BY_INDEX = values();

    private final int x;
    private final int y;
    private final int z;

    Face(final int x, final int y, final int z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /** Position of this face in U R F D L B order (the index into face-angle arrays). */
    public int index() {
        return ordinal();
    }

    /** x of the outward normal in the cube frame: -1, 0 or 1. */
    public int x() {
        return x;
    }

    /** y of the outward normal in the cube frame: -1, 0 or 1. */
    public int y() {
        return y;
    }

    /** z of the outward normal in the cube frame: -1, 0 or 1. */
    public int z() {
        return z;
    }

    /** The face on the other side of the cube. */
    public Face opposite() {
        return BY_INDEX[(ordinal() + 3) % COUNT];
    }

    /** The face letter, as in cube notation. */
    public char letter() {
        return name().charAt(0);
    }

    /** The face at {@code index} in U R F D L B order; no allocation (unlike {@code values()}). */
    public static Face of(final int index) {
        return BY_INDEX[index];
    }

    /** The face named by an upper-case notation letter, or null when {@code c} names none. */
    public static Face ofLetter(final char c) {
        switch (c) {
            case 'U': return U;
            case 'R': return R;
            case 'F': return F;
            case 'D': return D;
            case 'L': return L;
            case 'B': return B;
            default: return null;
        }
    }
}
