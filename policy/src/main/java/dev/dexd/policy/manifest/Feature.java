package dev.dexd.policy.manifest;

/**
 * The fixed vocabulary of observation features the daemon knows how to compute, with their sizes.
 * The first seven are the inputs of OpenAI's Rubik's cube policy; docs/policy-contract.md defines each.
 */
public enum Feature {
    /** Five fingertip positions (FF, MF, RF, LF, TH), xyz in the hand frame, metres. */
    FINGERTIP_POS("fingertip_pos", 15),
    /** Cube centre, xyz, metres. */
    CUBE_POS("cube_pos", 3),
    /** Cube orientation quaternion, w x y z. */
    CUBE_QUAT("cube_quat", 4),
    /** Goal orientation quaternion, w x y z. */
    GOAL_QUAT("goal_quat", 4),
    /** goal * conjugate(cube), normalised, w >= 0: the rotation still to do. */
    REL_GOAL_QUAT("rel_goal_quat", 4),
    /** The goal's six face angles as (sin, cos) pairs, faces U R F D L B. */
    GOAL_FACE_ANGLES("goal_face_angles", 12),
    /** Goal minus measured face angles, wrapped to [-pi, pi], as (sin, cos) pairs. */
    REL_GOAL_FACE_ANGLES("rel_goal_face_angles", 12),
    /** The measured six face angles as (sin, cos) pairs. */
    CUBE_FACE_ANGLES("cube_face_angles", 12),
    /** The 24 joint positions, radians, in the hand's joint order. */
    JOINT_POS("joint_pos", 24),
    /** The 24 joint velocities, radians per second. */
    JOINT_VEL("joint_vel", 24);

    private final String key;
    private final int size;

    Feature(String key, int size) {
        this.key = key;
        this.size = size;
    }

    /** The name used in manifests. */
    public String key() {
        return key;
    }

    /** How many numbers the feature contributes to the observation. */
    public int size() {
        return size;
    }

    /** The feature with this manifest name, or null. */
    public static Feature byKey(String key) {
        for (Feature f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        return null;
    }

    /** All manifest names, for error messages. */
    public static String vocabulary() {
        StringBuilder sb = new StringBuilder();
        for (Feature f : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.key).append('(').append(f.size).append(')');
        }
        return sb.toString();
    }
}
