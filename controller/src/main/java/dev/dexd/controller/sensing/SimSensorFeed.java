package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.CubePose;
import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.drivers.sensors.CubePoseSample;
import dev.dexd.drivers.sensors.SimulatedSensors;
import dev.dexd.drivers.sim.WorldTruth;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Turns the simulation's truth into what the real sensors would deliver: feeds the simulated
 * cameras, Giiker cube (its face angles and state through real Giiker frames, {@link SimGiikerCodec})
 * and motion capture, fuses the three camera estimates into one cube pose, and writes a
 * {@link SensorFrame} with capture times shifted onto the control clock. With {@link #sendCameras}
 * the camera estimates go out as UDP pose packets instead of being fused here
 * ({@code sim.sensors.cameras_udp}). Allocation free.
 */
public final class SimSensorFeed {
    private final SimulatedSensors sensors;
    private final double[] quat = new double[4];
    private final double[] simAngles = new double[6];
    private final SimGiikerCodec giiker = new SimGiikerCodec();
    private final dev.dexd.common.sensing.FaceAngles droppedAngles = new dev.dexd.common.sensing.FaceAngles();
    private final dev.dexd.common.sensing.CubeState droppedState = new dev.dexd.common.sensing.CubeState();
    // per SensorKind: publish nothing of that kind before this control-clock time (a perturbation);
    // written by the control thread, read by whichever thread feeds the truth
    private static final long NO_DROP = Long.MIN_VALUE;
    private final AtomicLongArray dropUntil = new AtomicLongArray(SensorKind.values().length);
    private SimCameraSender cameraSender;

    public SimSensorFeed(SimulatedSensors sensors) {
        this.sensors = sensors;
        for (int k = 0; k < dropUntil.length(); k++) {
            dropUntil.set(k, NO_DROP);
        }
    }

    /**
     * Sends the camera estimates as DXPS packets through {@code sender} instead of fusing them here
     * (the frame's cube pose then stays empty). Before the thread that feeds the truth starts.
     */
    public void sendCameras(SimCameraSender sender) {
        this.cameraSender = sender;
    }

    public void reset(long seed) {
        sensors.reset(seed);
        giiker.reset();
        for (int k = 0; k < dropUntil.length(); k++) {
            dropUntil.set(k, NO_DROP);
        }
    }

    /**
     * Perturbation: sensor {@code kind} publishes nothing until {@code untilNanos} on the control
     * clock (the simulated sensor itself runs on, so the noise draws stay as without the drop). Any thread.
     */
    public void drop(SensorKind kind, long untilNanos) {
        dropUntil.set(kind.ordinal(), untilNanos);
    }

    private boolean dropped(SensorKind kind, long now) {
        long until = dropUntil.get(kind.ordinal());
        return until != NO_DROP && now - until < 0;
    }

    /**
     * Advances the sensors to the truth's time and writes the latest samples into {@code frame}.
     *
     * @param clockOffsetNanos added to simulation capture times to put them on the control clock
     *                         (0 in lockstep, where the control clock is the simulation clock)
     * @return true when any sensor published a new sample
     */
    public boolean onTruth(WorldTruth truth, long clockOffsetNanos, SensorFrame frame) {
        int updates = sensors.onTruth(truth);
        if (updates == 0) {
            return false;
        }
        long now = truth.timeNanos + clockOffsetNanos;
        if (dropped(SensorKind.CUBE_POSE, now)) {
            updates &= ~(SimulatedSensors.UPDATED_CAMERA_LEFT | SimulatedSensors.UPDATED_CAMERA_RIGHT
                | SimulatedSensors.UPDATED_CAMERA_TOP);
        }
        if (dropped(SensorKind.FINGERTIPS, now)) {
            updates &= ~SimulatedSensors.UPDATED_FINGERTIPS;
        }
        int cameras = updates & (SimulatedSensors.UPDATED_CAMERA_LEFT | SimulatedSensors.UPDATED_CAMERA_RIGHT
            | SimulatedSensors.UPDATED_CAMERA_TOP);
        if (cameras != 0 && cameraSender != null) {
            cameraSender.send(sensors, cameras, truth, clockOffsetNanos);
        } else if (cameras != 0) {
            fuseCameras(frame, clockOffsetNanos);
        }
        if ((updates & SimulatedSensors.UPDATED_FACE_ANGLES) != 0) {
            // through the Giiker frames, as a real cube's would come; the cube tracks its turns even while
            // a drop keeps what it says from the frame
            sensors.faceAngles().copyAnglesTo(simAngles, 0);
            boolean anglesDropped = dropped(SensorKind.FACE_ANGLES, now);
            boolean stateDropped = dropped(SensorKind.CUBE_STATE, now);
            giiker.onFaceAngles(simAngles, sensors.faceAngles().captureTimeNanos() + clockOffsetNanos,
                anglesDropped ? droppedAngles : frame.faceAngles, stateDropped ? droppedState : frame.cubeState);
            if (anglesDropped && stateDropped) {
                updates &= ~SimulatedSensors.UPDATED_FACE_ANGLES;
            }
        }
        if ((updates & SimulatedSensors.UPDATED_FINGERTIPS) != 0) {
            sensors.fingertips().copyPositionsTo(frame.fingertips.positions, 0);
            frame.fingertips.captureNanos = sensors.fingertips().captureTimeNanos() + clockOffsetNanos;
            frame.fingertips.sequence++;
        }
        return updates != 0;
    }

    /**
     * One cube pose from the cameras' latest estimates: mean position, and the normalised sum of the
     * quaternions after aligning their signs to the first (a good mean for nearby rotations). The
     * capture time is the oldest of the estimates used, so the reported age is never optimistic.
     */
    private void fuseCameras(SensorFrame frame, long clockOffsetNanos) {
        int used = 0;
        double px = 0, py = 0, pz = 0, qw = 0, qx = 0, qy = 0, qz = 0;
        long oldest = Long.MAX_VALUE;
        for (int c = 0; c < SimulatedSensors.CAMERAS; c++) {
            CubePoseSample s = sensors.cubePose(c);
            if (!s.isValid()) {
                continue;
            }
            s.copyQuaternionTo(quat, 0);
            double sign = used == 0 || quat[0] * qw + quat[1] * qx + quat[2] * qy + quat[3] * qz >= 0 ? 1 : -1;
            px += s.position(0);
            py += s.position(1);
            pz += s.position(2);
            qw += sign * quat[0];
            qx += sign * quat[1];
            qy += sign * quat[2];
            qz += sign * quat[3];
            oldest = Math.min(oldest, s.captureTimeNanos());
            used++;
        }
        if (used == 0) {
            return;
        }
        double n = Math.sqrt(qw * qw + qx * qx + qy * qy + qz * qz);
        CubePose pose = frame.cubePose;
        pose.position[0] = px / used;
        pose.position[1] = py / used;
        pose.position[2] = pz / used;
        pose.quaternion[0] = qw / n;
        pose.quaternion[1] = qx / n;
        pose.quaternion[2] = qy / n;
        pose.quaternion[3] = qz / n;
        pose.cameras = used;
        pose.confidence = 1;
        pose.captureNanos = oldest + clockOffsetNanos;
        pose.sequence++;
    }
}
