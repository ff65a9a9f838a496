package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.LifecycleSource;
import dev.dexd.common.sensing.SourceCounters;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The simulation's sensors (three cameras fused, the Giiker cube's face angles and state, motion capture) as a
 * source like any other. They run where the simulation runs (the {@code dexd-sensors} thread in real
 * time, the control thread's physics steps in lockstep) and hand their latest frame over through
 * {@code latest}; this source takes it once per tick and gives each kind out of it.
 */
public final class SimSensorSource extends LifecycleSource {
    private static final Set<SensorKind> KINDS = EnumSet.of(SensorKind.CUBE_POSE, SensorKind.FACE_ANGLES,
        SensorKind.FINGERTIPS, SensorKind.CUBE_STATE);

    private final Consumer<SensorFrame> latest;
    private final SensorFrame frame = new SensorFrame();
    private final SourceCounters counters = SourceCounters.ofSamples(this::samples);
    private volatile long samples;
    private long lastSequences;

    /** @param latest copies the simulated sensors' latest frame (the world's {@code latest}); control thread */
    public SimSensorSource(Consumer<SensorFrame> latest) {
        super("sim", KINDS);
        this.latest = latest;
    }

    private long samples() {
        return samples;
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    @Override
    public String describe() {
        return "the simulation's cameras, Giiker cube and motion capture (sim.sensors)";
    }

    @Override
    public void onTick(double[] jointPositions, long handStampNanos) {
        latest.accept(frame);
        long sequences = frame.cubePose.sequence + frame.faceAngles.sequence + frame.fingertips.sequence
            + frame.cubeState.sequence;
        if (sequences > lastSequences) {
            samples += sequences - lastSequences; // single writer: the control thread
        }
        lastSequences = sequences;
    }

    @Override
    public void read(SensorKind kind, SensorFrame out) {
        out.copyFrom(kind, frame);
    }
}
