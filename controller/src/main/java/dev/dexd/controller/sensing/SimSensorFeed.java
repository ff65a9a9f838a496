package dev.dexd.controller.sensing;

import dev.dexd.drivers.sensors.CubePoseSample;
import dev.dexd.drivers.sensors.SimulatedSensors;
import dev.dexd.drivers.sim.WorldTruth;

/**
 * Turns the simulation's truth into what the real sensors would deliver: feeds the simulated
 * cameras, Giiker cube and motion capture, fuses the three camera estimates into one cube pose, and
 * writes a {@link SensorFrame} with capture times shifted onto the control clock. Allocation free.
 */
public final class SimSensorFeed {
    private final SimulatedSensors sensors;
    private final double[] quat = new double[4];

    public SimSensorFeed(SimulatedSensors sensors) {
        this.sensors = sensors;
    }

    public void reset(long seed) {
        sensors.reset(seed);
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
        if ((updates & (SimulatedSensors.UPDATED_CAMERA_LEFT | SimulatedSensors.UPDATED_CAMERA_RIGHT
            | SimulatedSensors.UPDATED_CAMERA_TOP)) != 0) {
            fuseCameras(frame, clockOffsetNanos);
        }
        if ((updates & SimulatedSensors.UPDATED_FACE_ANGLES) != 0) {
            sensors.faceAngles().copyAnglesTo(frame.faceAngles, 0);
            frame.faceAnglesCaptureNanos = sensors.faceAngles().captureTimeNanos() + clockOffsetNanos;
        }
        if ((updates & SimulatedSensors.UPDATED_FINGERTIPS) != 0) {
            sensors.fingertips().copyPositionsTo(frame.fingertipPos, 0);
            frame.fingertipsCaptureNanos = sensors.fingertips().captureTimeNanos() + clockOffsetNanos;
        }
        return true;
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
        frame.cubePos[0] = px / used;
        frame.cubePos[1] = py / used;
        frame.cubePos[2] = pz / used;
        frame.cubeQuat[0] = qw / n;
        frame.cubeQuat[1] = qx / n;
        frame.cubeQuat[2] = qy / n;
        frame.cubeQuat[3] = qz / n;
        frame.cubePoseCaptureNanos = oldest + clockOffsetNanos;
    }
}
