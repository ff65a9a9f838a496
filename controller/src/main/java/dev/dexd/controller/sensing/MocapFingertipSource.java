package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.Fingertips;
import dev.dexd.common.sensing.SensorException;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SensorSource;
import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.common.sensing.SourceLifecycle;
import dev.dexd.common.sensing.SourceState;
import dev.dexd.vision.FingertipSample;
import dev.dexd.vision.MocapConfig;
import dev.dexd.vision.MocapListener;
import dev.dexd.vision.Rejection;
import dev.dexd.vision.VisionException;
import dev.dexd.vision.WallClock;
import java.util.EnumSet;
import java.util.Set;
import org.agrona.ErrorHandler;

/** Fingertip positions from a motion-capture bridge: DXFT packets over UDP ({@code sensors.fingertips.source: mocap_udp}). */
public final class MocapFingertipSource implements SensorSource {
    private static final Set<SensorKind> KINDS = EnumSet.of(SensorKind.FINGERTIPS);

    private final MocapConfig config;
    private final ErrorHandler errors;
    private final SourceLifecycle lifecycle = new SourceLifecycle("mocap_udp");
    private final FingertipSample sample = new FingertipSample();
    private final Counters counters = new Counters();
    private volatile MocapListener listener;

    public MocapFingertipSource(MocapConfig config, ErrorHandler errors) {
        this.config = config;
        this.errors = errors;
    }

    @Override
    public String name() {
        return "mocap_udp";
    }

    @Override
    public Set<SensorKind> kinds() {
        return KINDS;
    }

    @Override
    public void configure() {
        try {
            listener = MocapListener.open(config, errors, new WallClock());
        } catch (VisionException e) {
            lifecycle.failed(e.getMessage());
            throw new SensorException(e.getMessage(), e);
        }
        lifecycle.configured();
    }

    @Override
    public void start() {
        listener.startThread();
        lifecycle.running();
    }

    @Override
    public void stop() {
        MocapListener l = listener;
        if (l != null) {
            l.close();
        }
        lifecycle.stopped();
    }

    /** The address bound; null before configure. */
    public java.net.InetSocketAddress address() {
        MocapListener l = listener;
        return l == null ? null : l.address();
    }

    @Override
    public SourceState state() {
        return lifecycle.state();
    }

    @Override
    public String lastError() {
        return lifecycle.lastError();
    }

    @Override
    public SourceCounters counters() {
        return counters;
    }

    @Override
    public String describe() {
        MocapListener l = listener;
        String where = l != null ? l.address().getAddress().getHostAddress() + ":" + l.address().getPort()
            : config.bind() + ":" + config.port();
        return "DXFT fingertip packets on udp " + where + ", source id " + config.source();
    }

    @Override
    public void read(SensorKind kind, SensorFrame out) {
        listener.read(sample);
        if (sample.count == 0) {
            return;
        }
        Fingertips f = out.fingertips;
        System.arraycopy(sample.positions, 0, f.positions, 0, Fingertips.LENGTH);
        f.captureNanos = sample.captureMonotonicNanos;
        f.sequence = sample.count;
    }

    private final class Counters implements SourceCounters {
        @Override
        public long samples() {
            MocapListener l = listener;
            return l == null ? 0 : l.counters().acceptedCount();
        }

        @Override
        public int reasons() {
            return Rejection.count();
        }

        @Override
        public String reason(int i) {
            return Rejection.of(i).key().replace('-', '_');
        }

        @Override
        public long rejected(int i) {
            MocapListener l = listener;
            return l == null ? 0 : l.counters().rejectedCount(Rejection.of(i));
        }
    }
}
