package dev.dexd.controller.log;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The first record of every log: what is needed to interpret the steps and to re-run the policy
 * offline (layout, period, clock mode, seed, model hash, the manifest and config as loaded, the
 * actuator and joint names) and where the run came from (host, start time, dexd version).
 * Stored self-describing (named fields) so Chronicle's reader tools print it as YAML.
 *
 * @param schemaVersion the log schema version ({@link StepLayout#SCHEMA_VERSION} when written)
 * @param layout the step record layout
 * @param periodNanos the control period
 * @param clockMode {@link #LOCKSTEP} or {@link #REALTIME}
 * @param seed the run's seed
 * @param hostName the machine the daemon ran on
 * @param startEpochMillis wall-clock start of the run
 * @param dexdVersion the daemon's version
 * @param modelSha256 the model file's SHA-256, lower-case hex
 * @param manifestYaml the policy manifest as loaded
 * @param configYaml the run configuration as loaded, secrets redacted when written ({@link ConfigRedaction})
 * @param actuatorNames actuator names in the policy's order (A of them)
 * @param jointNames joint names in the hand's order (J of them)
 * @param actuatorLow actuator range low ends, policy order (empty when not recorded)
 * @param actuatorHigh actuator range high ends, policy order (empty when not recorded)
 * @param smoothing the target smoothing coefficient the run used
 */
public record HeaderRecord(
    int schemaVersion,
    StepLayout layout,
    long periodNanos,
    String clockMode,
    long seed,
    String hostName,
    long startEpochMillis,
    String dexdVersion,
    String modelSha256,
    String manifestYaml,
    String configYaml,
    List<String> actuatorNames,
    List<String> jointNames,
    double[] actuatorLow,
    double[] actuatorHigh,
    double smoothing) {

    /** Each tick advances the simulation by exactly one period; deterministic. */
    public static final String LOCKSTEP = "lockstep";
    /** Ticks follow the wall clock. */
    public static final String REALTIME = "realtime";

    public HeaderRecord {
        Objects.requireNonNull(layout, "layout");
        clockMode = Objects.requireNonNull(clockMode, "clockMode");
        hostName = Objects.requireNonNullElse(hostName, "");
        dexdVersion = Objects.requireNonNullElse(dexdVersion, "");
        modelSha256 = Objects.requireNonNullElse(modelSha256, "");
        manifestYaml = Objects.requireNonNullElse(manifestYaml, "");
        configYaml = Objects.requireNonNullElse(configYaml, "");
        actuatorNames = List.copyOf(actuatorNames);
        jointNames = List.copyOf(jointNames);
        if (actuatorNames.size() != layout.actuators()) {
            throw new IllegalArgumentException(actuatorNames.size() + " actuator names for " + layout.actuators() + " actuators");
        }
        if (jointNames.size() != layout.joints()) {
            throw new IllegalArgumentException(jointNames.size() + " joint names for " + layout.joints() + " joints");
        }
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, got " + periodNanos + " ns");
        }
        actuatorLow = actuatorLow == null ? new double[0] : actuatorLow.clone();
        actuatorHigh = actuatorHigh == null ? new double[0] : actuatorHigh.clone();
        if (actuatorLow.length != actuatorHigh.length || actuatorLow.length != 0 && actuatorLow.length != layout.actuators()) {
            throw new IllegalArgumentException("actuator ranges for " + actuatorLow.length + "/" + actuatorHigh.length
                + " actuators, layout has " + layout.actuators());
        }
    }

    /** Whether the header carries what re-decoding actions offline needs (actuator ranges, smoothing). */
    public boolean hasDecoding() {
        return actuatorLow.length == layout.actuators();
    }

    /** A header for the current schema version. */
    public static HeaderRecord of(StepLayout layout, long periodNanos, String clockMode, long seed, String hostName,
        long startEpochMillis, String dexdVersion, String modelSha256, String manifestYaml, String configYaml,
        List<String> actuatorNames, List<String> jointNames) {
        return of(layout, periodNanos, clockMode, seed, hostName, startEpochMillis, dexdVersion, modelSha256,
            manifestYaml, configYaml, actuatorNames, jointNames, null, null, 0.0);
    }

    /**
     * A header for the current schema version that also records how actions were decoded: the
     * actuator ranges (policy order) and the target smoothing, so a replay can re-decode them.
     */
    public static HeaderRecord of(StepLayout layout, long periodNanos, String clockMode, long seed, String hostName,
        long startEpochMillis, String dexdVersion, String modelSha256, String manifestYaml, String configYaml,
        List<String> actuatorNames, List<String> jointNames, double[] actuatorLow, double[] actuatorHigh,
        double smoothing) {
        return new HeaderRecord(StepLayout.SCHEMA_VERSION, layout, periodNanos, clockMode, seed, hostName,
            startEpochMillis, dexdVersion, modelSha256, manifestYaml, configYaml, actuatorNames, jointNames,
            actuatorLow, actuatorHigh, smoothing);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderRecord h && schemaVersion == h.schemaVersion && layout.equals(h.layout)
            && periodNanos == h.periodNanos && clockMode.equals(h.clockMode) && seed == h.seed
            && hostName.equals(h.hostName) && startEpochMillis == h.startEpochMillis && dexdVersion.equals(h.dexdVersion)
            && modelSha256.equals(h.modelSha256) && manifestYaml.equals(h.manifestYaml) && configYaml.equals(h.configYaml)
            && actuatorNames.equals(h.actuatorNames) && jointNames.equals(h.jointNames)
            && Arrays.equals(actuatorLow, h.actuatorLow) && Arrays.equals(actuatorHigh, h.actuatorHigh)
            && Double.compare(smoothing, h.smoothing) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, periodNanos, clockMode, seed, startEpochMillis, modelSha256, Arrays.hashCode(actuatorLow));
    }

    /** This header with another config copy (the log writes the redacted one). */
    public HeaderRecord withConfigYaml(String yaml) {
        return yaml.equals(configYaml) ? this : new HeaderRecord(schemaVersion, layout, periodNanos, clockMode, seed,
            hostName, startEpochMillis, dexdVersion, modelSha256, manifestYaml, yaml, actuatorNames, jointNames,
            actuatorLow, actuatorHigh, smoothing);
    }

    public boolean lockstep() {
        return LOCKSTEP.equalsIgnoreCase(clockMode);
    }
}
