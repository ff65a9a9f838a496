package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.Fingertips;
import dev.dexd.common.sensing.SensorException;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.LifecycleSource;
import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.kinematics.FingertipKinematics;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Fingertips from the hand's measured joints through its kinematic model ({@code sensors.fingertips.source: fk}):
 * MuJoCo's forward kinematics on the MJCF model, computed on the control thread every tick from the
 * reading of that tick, so the sample is exactly as old as the hand reading. A reading that cannot
 * be used (a NaN joint) is counted and leaves the last sample, which then goes stale: the step holds.
 */
public final class FkFingertipSource extends LifecycleSource {
    private static final Set<SensorKind> KINDS = EnumSet.of(SensorKind.FINGERTIPS);
    private static final String[] REASONS = {"kinematics_failed"};

    private final Path model;
    private final Fingertips sample = new Fingertips();
    private final double[] out = new double[Fingertips.LENGTH];
    private final Counters counters = new Counters();
    private FingertipKinematics kinematics;
    private volatile long samples;
    private volatile long failed;
    private boolean failing;

    public FkFingertipSource(Path model) {
        super("fk", KINDS);
        this.model = model;
    }

    @Override
    protected void onConfigure() {
        try {
            kinematics = FingertipKinematics.open(model);
        } catch (HandException e) {
            throw new SensorException("sensors.fingertips: " + e.getMessage(), e);
        }
    }

    @Override
    protected void onStop() {
        // called after the control thread stopped (or before it started): nothing computes any more
        if (kinematics != null) {
            kinematics.close();
            kinematics = null;
        }
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    @Override
    public String describe() {
        return "forward kinematics of the measured joints on " + model.getFileName();
    }

    @Override
    public void onTick(double[] jointPositions, long handStampNanos) {
        if (kinematics.tryCompute(jointPositions, out) < 0) {
            failed++; // single writer: the control thread
            if (!failing) {
                failing = true;
                error("fingertip kinematics: " + kinematics.lastError()); // once per burst
            }
            return;
        }
        failing = false;
        System.arraycopy(out, 0, sample.positions, 0, Fingertips.LENGTH);
        sample.captureNanos = handStampNanos;
        sample.sequence++;
        samples++;
    }

    @Override
    public void read(SensorKind kind, SensorFrame frame) {
        frame.fingertips.copyFrom(sample);
    }

    private final class Counters implements SourceCounters {
        @Override
        public long samples() {
            return samples;
        }

        @Override
        public int reasons() {
            return REASONS.length;
        }

        @Override
        public String reason(int i) {
            return REASONS[i];
        }

        @Override
        public long rejected(int i) {
            return failed;
        }
    }
}
