package dev.dexd.drivers.hand;

import java.util.List;

/**
 * What a hand library says about itself at open: its ABI version and description, the 24 joint and
 * 20 actuator names in the ABI's fixed order, and their ranges (rad). The controller's action
 * decoder takes actuator ranges from here, so it works the same on any hand. Immutable.
 */
public final class HandDescription {
    private final int abiVersion;
    private final String library;
    private final int capabilities;
    private final long periodNanos;
    private final List<String> jointNames;
    private final List<String> actuatorNames;
    private final double[] jointMin;
    private final double[] jointMax;
    private final double[] actuatorMin;
    private final double[] actuatorMax;

    /** Builds a description; the arrays are copied. */
    public HandDescription(int abiVersion, String library, int capabilities, long periodNanos,
                           List<String> jointNames, List<String> actuatorNames,
                           double[] jointMin, double[] jointMax, double[] actuatorMin, double[] actuatorMax) {
        this.abiVersion = abiVersion;
        this.library = library;
        this.capabilities = capabilities;
        this.periodNanos = periodNanos;
        this.jointNames = List.copyOf(jointNames);
        this.actuatorNames = List.copyOf(actuatorNames);
        this.jointMin = jointMin.clone();
        this.jointMax = jointMax.clone();
        this.actuatorMin = actuatorMin.clone();
        this.actuatorMax = actuatorMax.clone();
    }

    /** Capability bit: the library is a simulation. */
    public static final int CAP_SIMULATED = 1;

    public int abiVersion() {
        return abiVersion;
    }

    /** The library's own one-line description. */
    public String library() {
        return library;
    }

    public int capabilities() {
        return capabilities;
    }

    public boolean isSimulated() {
        return (capabilities & CAP_SIMULATED) != 0;
    }

    /** The library's own cycle (the physics step of a simulation). */
    public long periodNanos() {
        return periodNanos;
    }

    public List<String> jointNames() {
        return jointNames;
    }

    public List<String> actuatorNames() {
        return actuatorNames;
    }

    public double jointMin(int joint) {
        return jointMin[joint];
    }

    public double jointMax(int joint) {
        return jointMax[joint];
    }

    public double actuatorMin(int actuator) {
        return actuatorMin[actuator];
    }

    public double actuatorMax(int actuator) {
        return actuatorMax[actuator];
    }

    /** A copy of the actuators' lower bounds, for a caller that keeps its own array. */
    public double[] actuatorMins() {
        return actuatorMin.clone();
    }

    /** A copy of the actuators' upper bounds. */
    public double[] actuatorMaxs() {
        return actuatorMax.clone();
    }

    /** The index of a joint by name; throws {@link HandException} naming the known joints when absent. */
    public int jointIndex(String name) {
        return indexOf(jointNames, name, "joint");
    }

    /** The index of an actuator by name; throws {@link HandException} naming the known actuators when absent. */
    public int actuatorIndex(String name) {
        return indexOf(actuatorNames, name, "actuator");
    }

    private static int indexOf(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new HandException(HandError.ARG, "no " + what + " named '" + name + "' (known: "
                + String.join(", ", names) + ")");
        }
        return i;
    }
}
