package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.CubePose;
import dev.dexd.common.sensing.FaceAngles;
import dev.dexd.common.sensing.SensorException;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SensorSource;
import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.common.sensing.SourceLifecycle;
import dev.dexd.common.sensing.SourceState;
import dev.dexd.controller.goals.CubeGeometry;
import dev.dexd.vision.FusedPose;
import dev.dexd.vision.Rejection;
import dev.dexd.vision.VisionConfig;
import dev.dexd.vision.VisionException;
import dev.dexd.vision.VisionListener;
import dev.dexd.vision.WallClock;
import java.util.EnumSet;
import java.util.Set;
import org.agrona.ErrorHandler;

/**
 * Camera pose packets over UDP ({@code sensors.cube_pose.source: udp}), fused in vision/ on the
 * listener's own thread ({@code dexd-vision}). Also the {@code vision} face-angle source: the top
 * face's angle from the packets that carry one, the other five faces taken as aligned (zero), which
 * is what a cube without a sensor of its own gives.
 */
public final class UdpVisionSource implements SensorSource {
    private static final Set<SensorKind> KINDS = EnumSet.of(SensorKind.CUBE_POSE, SensorKind.FACE_ANGLES);

    private final VisionConfig config;
    private final ErrorHandler errors;
    private final SourceLifecycle lifecycle = new SourceLifecycle("udp");
    private final FusedPose pose = new FusedPose();
    private final Counters counters = new Counters();
    private volatile VisionListener listener;
    private long faceAnglesFrom;   // the pose count whose top-face angle was last given out

    public UdpVisionSource(VisionConfig config, ErrorHandler errors) {
        this.config = config;
        this.errors = errors;
    }

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public Set<SensorKind> kinds() {
        return KINDS;
    }

    @Override
    public void configure() {
        try {
            listener = VisionListener.open(config, errors, new WallClock());
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
        VisionListener l = listener;
        if (l != null) {
            l.close();
        }
        lifecycle.stopped();
    }

    /** The address bound (the port chosen when the config said 0); null before configure. */
    public java.net.InetSocketAddress address() {
        VisionListener l = listener;
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
        VisionListener l = listener;
        String where = l != null ? l.address().getAddress().getHostAddress() + ":" + l.address().getPort()
            : config.bind() + ":" + config.port();
        return "DXPS pose packets on udp " + where + ", " + config.cameras().size() + " camera"
            + (config.cameras().size() == 1 ? "" : "s");
    }

    @Override
    public void onTick(double[] jointPositions, long handStampNanos) {
        listener.read(pose);
    }

    @Override
    public void read(SensorKind kind, SensorFrame out) {
        if (pose.count == 0) {
            return;
        }
        if (kind == SensorKind.CUBE_POSE) {
            CubePose p = out.cubePose;
            System.arraycopy(pose.position, 0, p.position, 0, 3);
            System.arraycopy(pose.quaternion, 0, p.quaternion, 0, 4);
            p.cameras = pose.camerasUsed;
            p.confidence = pose.confidence;
            p.captureNanos = pose.captureMonotonicNanos;
            p.sequence = pose.count;
        } else if (kind == SensorKind.FACE_ANGLES && !Double.isNaN(pose.topFaceAngle) && pose.count != faceAnglesFrom) {
            faceAnglesFrom = pose.count;
            FaceAngles f = out.faceAngles;
            java.util.Arrays.fill(f.angles, 0.0);
            f.angles[CubeGeometry.topFace(pose.quaternion).ordinal()] = pose.topFaceAngle;
            f.captureNanos = pose.captureMonotonicNanos;
            f.sequence++;
        }
    }

    /** Fused poses as samples; every rejection reason of vision/. */
    private final class Counters implements SourceCounters {
        @Override
        public long samples() {
            VisionListener l = listener;
            return l == null ? 0 : l.counters().fusedCount();
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
            VisionListener l = listener;
            return l == null ? 0 : l.counters().rejectedCount(Rejection.of(i));
        }
    }
}
