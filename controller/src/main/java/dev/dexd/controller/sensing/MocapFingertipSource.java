package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.Fingertips;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.vision.FingertipSample;
import dev.dexd.vision.MocapConfig;
import dev.dexd.vision.MocapListener;
import dev.dexd.vision.VisionCounters;
import dev.dexd.vision.WallClock;
import java.util.EnumSet;
import java.util.Set;
import org.agrona.ErrorHandler;

/** Fingertip positions from a motion-capture bridge: DXFT packets over UDP ({@code sensors.fingertips.source: mocap_udp}). */
public final class MocapFingertipSource extends UdpListenerSource<MocapListener> {
    private static final Set<SensorKind> KINDS = EnumSet.of(SensorKind.FINGERTIPS);

    private final MocapConfig config;
    private final ErrorHandler errors;
    private final FingertipSample sample = new FingertipSample();

    public MocapFingertipSource(MocapConfig config, ErrorHandler errors) {
        super("mocap_udp", KINDS, VisionCounters::acceptedCount);
        this.config = config;
        this.errors = errors;
    }

    @Override
    MocapListener open() {
        return MocapListener.open(config, errors, new WallClock());
    }

    @Override
    public String describe() {
        return "DXFT fingertip packets on udp " + where(config.bind(), config.port()) + ", source id " + config.source();
    }

    @Override
    public void read(SensorKind kind, SensorFrame out) {
        listener().read(sample);
        if (sample.count == 0) {
            return;
        }
        Fingertips f = out.fingertips;
        System.arraycopy(sample.positions, 0, f.positions, 0, Fingertips.LENGTH);
        f.captureNanos = sample.captureMonotonicNanos;
        f.sequence = sample.count;
    }
}
