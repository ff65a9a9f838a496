package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.CubePose;
import dev.dexd.common.sensing.FaceAngles;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.controller.goals.CubeGeometry;
import dev.dexd.vision.FusedPose;
import dev.dexd.vision.VisionCounters;
import dev.dexd.vision.VisionConfig;
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
public final class UdpVisionSource extends UdpListenerSource<VisionListener> {
    private static final Set<SensorKind> KINDS = EnumSet.of(SensorKind.CUBE_POSE, SensorKind.FACE_ANGLES);

    private final VisionConfig config;
    private final ErrorHandler errors;
    private final FusedPose pose = new FusedPose();
    private long faceAnglesFrom;   // the pose count whose top-face angle was last given out

    public UdpVisionSource(VisionConfig config, ErrorHandler errors) {
        super("udp", KINDS, VisionCounters::fusedCount);
        this.config = config;
        this.errors = errors;
    }

    @Override
    VisionListener open() {
        return VisionListener.open(config, errors, new WallClock());
    }

    @Override
    public String describe() {
        return "DXPS pose packets on udp " + where(config.bind(), config.port()) + ", " + config.cameras().size() + " camera"
            + (config.cameras().size() == 1 ? "" : "s");
    }

    @Override
    public void onTick(double[] jointPositions, long handStampNanos) {
        listener().read(pose);
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
}
