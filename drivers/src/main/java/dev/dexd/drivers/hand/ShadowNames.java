package dev.dexd.drivers.hand;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates Shadow Robot's own joint and actuator names (counted from one at the fingertip, with
 * "J0" for a coupled distal pair) into the zero-based names of the hand ABI, so that a config or a
 * policy manifest written in either naming maps onto the same order.
 *
 * <p>Joints: Shadow's {@code FFJ1} (distal) is the ABI's {@code FFJ0}, {@code WRJ2} is {@code WRJ1},
 * {@code LFJ5} is {@code LFJ4}, {@code THJ5} is {@code THJ4}. Actuators: Shadow's coupled
 * {@code FFJ0} (J1 + J2) is {@code A_FFJ1}; any other {@code XXJn} is {@code A_XXJ(n-1)}.
 */
public final class ShadowNames {
    private static final Pattern NAME = Pattern.compile("(WR|FF|MF|RF|LF|TH)J([0-5])");

    private ShadowNames() {
    }

    /** The ABI joint name for Shadow's joint {@code name} (e.g. FFJ4 -> FFJ3). */
    public static String joint(String name) {
        Matcher m = match(name, "joint");
        int n = Integer.parseInt(m.group(2));
        if (n == 0) {
            throw new HandException(HandError.ARG, "Shadow's " + name + " is the coupled actuator (J1 + J2), not a joint");
        }
        return m.group(1) + "J" + (n - 1);
    }

    /** The ABI actuator name for Shadow's actuator {@code name} (e.g. FFJ0 -> A_FFJ1, FFJ3 -> A_FFJ2). */
    public static String actuator(String name) {
        Matcher m = match(name, "actuator");
        int n = Integer.parseInt(m.group(2));
        return "A_" + m.group(1) + "J" + (n == 0 ? 1 : n - 1);
    }

    private static Matcher match(String name, String what) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new HandException(HandError.ARG, "'" + name + "' is not a Shadow " + what
                + " name (WR, FF, MF, RF, LF or TH, then J and a digit)");
        }
        return m;
    }
}
