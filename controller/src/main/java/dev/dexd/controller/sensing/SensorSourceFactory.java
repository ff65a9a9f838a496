package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SensorSource;
import dev.dexd.controller.config.ConfigException;
import dev.dexd.controller.config.DexdConfig;
import dev.dexd.giiker.ble.GiikerLinkConfig;
import dev.dexd.vision.MocapConfig;
import dev.dexd.vision.VisionConfig;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.agrona.ErrorHandler;

/**
 * Makes the configured sources ({@code sensors:}) and refuses, in one line naming the key and the
 * fix, a choice that cannot work: the simulation's sensors without a simulation, wall-clock packets
 * in lockstep, face angles from vision without the camera packets they come in.
 */
public final class SensorSourceFactory {
    private SensorSourceFactory() {
    }

    /**
     * @param sensors    the {@code sensors:} section
     * @param simLatest  the simulation's sensors (its world's {@code latest}), or null when the hand is not simulated
     * @param lockstep   whether the control clock is the simulation's
     * @param camerasUdp the simulated cameras send UDP packets to the udp source ({@code sim.sensors.cameras_udp});
     *                   in lockstep, where packets cannot be on time, the cube pose (and face angles
     *                   from {@code vision}) then come from the simulation's in-process fusion
     *                   ({@link #lockstepFallback} says so in one line)
     * @param errors     where the sources' threads report errors
     */
    public static SensorSources create(DexdConfig.Sensors sensors, Consumer<SensorFrame> simLatest, boolean lockstep,
                                       boolean camerasUdp, ErrorHandler errors) {
        boolean fallback = lockstep && camerasUdp && simLatest != null;
        SensorKind[] kinds = SensorKind.values();
        SensorSource[] chosen = new SensorSource[kinds.length];
        long[] stale = new long[kinds.length];
        SimSensorSource sim = null;
        UdpVisionSource udp = null;
        GiikerSource giiker = null;
        for (SensorKind k : kinds) {
            DexdConfig.Input in = sensors.input(k);
            stale[k.ordinal()] = in.staleNanos();
            String key = in.section() + ".source";
            String source = in.source();
            if (fallback && (k == SensorKind.CUBE_POSE && DexdConfig.Sensors.UDP.equals(source)
                || k == SensorKind.FACE_ANGLES && DexdConfig.Sensors.VISION.equals(source))) {
                source = DexdConfig.Sensors.SIM;
            }
            switch (source) {
                case DexdConfig.Sensors.NONE -> chosen[k.ordinal()] = null;
                case DexdConfig.Sensors.SIM -> {
                    if (simLatest == null) {
                        throw new ConfigException(key + ": sim reads the simulation's sensors, and the hand is not the"
                            + " simulation: choose a real source (see configs/robot.yaml)");
                    }
                    sim = sim != null ? sim : new SimSensorSource(simLatest);
                    chosen[k.ordinal()] = sim;
                }
                case DexdConfig.Sensors.UDP -> {
                    wallClock(key, "udp", lockstep);
                    udp = new UdpVisionSource(in.settings(VisionConfig.class), errors);
                    chosen[k.ordinal()] = udp;
                }
                case DexdConfig.Sensors.VISION -> {
                    if (!DexdConfig.Sensors.UDP.equals(sensors.cubePose().source())) {
                        throw new ConfigException(key + ": vision takes the top face's angle from the camera pose"
                            + " packets: set sensors.cube_pose.source: udp, or choose sim or giiker");
                    }
                    chosen[k.ordinal()] = null; // filled below, once the udp source exists
                }
                case DexdConfig.Sensors.MOCAP_UDP -> {
                    wallClock(key, "mocap_udp", lockstep);
                    chosen[k.ordinal()] = new MocapFingertipSource(in.settings(MocapConfig.class), errors);
                }
                case DexdConfig.Sensors.FK -> chosen[k.ordinal()] = new FkFingertipSource(in.settings(Path.class));
                case DexdConfig.Sensors.GIIKER -> {
                    wallClock(key, "giiker", lockstep);
                    GiikerLinkConfig link = in.settings(GiikerLinkConfig.class);
                    if (giiker != null && !link.equals(GiikerLinkConfig.defaults()) && !link.equals(giiker.config())) {
                        throw new ConfigException(in.section() + ": both face_angles and cube_state read the one Giiker"
                            + " cube: give its link keys (address, adapter, ...) once, under sensors.face_angles");
                    }
                    giiker = giiker != null ? giiker : new GiikerSource(link);
                    chosen[k.ordinal()] = giiker;
                }
                default -> throw new ConfigException(key + ": the " + in.source() + " source is not available in this"
                    + " build: choose " + alternatives(k));
            }
        }
        if (DexdConfig.Sensors.VISION.equals(sensors.faceAngles().source()) && udp != null) {
            chosen[SensorKind.FACE_ANGLES.ordinal()] = udp;
        }
        return new SensorSources(chosen, stale);
    }

    /**
     * The start-up line of a lockstep run whose simulated cameras would send UDP packets
     * ({@link #create}'s fallback), or null when there is none.
     */
    public static String lockstepFallback(DexdConfig.Sensors sensors, boolean lockstep, boolean camerasUdp) {
        if (!lockstep || !camerasUdp || !DexdConfig.Sensors.UDP.equals(sensors.cubePose().source())) {
            return null;
        }
        return "sensors: lockstep runs on simulated time and UDP packets need the wall clock: sim.sensors.cameras_udp"
            + " is off for this run, the cube pose" + (DexdConfig.Sensors.VISION.equals(sensors.faceAngles().source())
            ? " and face angles come" : " comes") + " from the simulation's cameras fused in process (source sim)";
    }

    private static void wallClock(String key, String source, boolean lockstep) {
        if (lockstep) {
            throw new ConfigException(key + ": " + source + " packets are stamped by the wall clock and lockstep runs"
                + " on simulated time: run with control.clock: realtime (and without --lockstep)");
        }
    }

    private static String alternatives(SensorKind k) {
        return switch (k) {
            case CUBE_POSE -> "sim or udp";
            case FACE_ANGLES -> "sim, vision or giiker";
            case FINGERTIPS -> "sim, fk, mocap_udp or none";
            case CUBE_STATE -> "none, sim or giiker";
        };
    }
}
