package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.SensorException;
import dev.dexd.controller.goals.CubeGeometry;
import dev.dexd.drivers.sensors.CubePoseSample;
import dev.dexd.drivers.sensors.SimulatedSensors;
import dev.dexd.drivers.sim.WorldTruth;
import dev.dexd.vision.CameraConfig;
import dev.dexd.vision.CameraView;
import dev.dexd.vision.PoseEstimate;
import dev.dexd.vision.PoseSender;
import dev.dexd.vision.VisionConfig;
import dev.dexd.vision.WallClock;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated cameras as real ones ({@code sim.sensors.cameras_udp: true}): each estimate the
 * simulated left, right and top camera publishes goes out as a DXPS packet from camera 1, 2 or 3 of
 * {@code sensors.cube_pose.cameras} to the udp listener, so a simulation run exercises the real
 * ingestion path (decode, validation, fusion, staleness). The estimate (world frame) is sent in the
 * camera's own frame through that camera's configured extrinsics, stamped with its capture time
 * on CLOCK_REALTIME, confidence 1, and the top-face angle of the face that is up. Runs on the
 * simulation's sensors thread; allocation free per packet.
 */
public final class SimCameraSender implements AutoCloseable {
    /** The packets' camera ids of the simulated left, right and top camera. */
    static final int[] CAMERA_IDS = {1, 2, 3};

    private final PoseSender sender;
    private final InetSocketAddress target;
    private final CameraView[] views = new CameraView[SimulatedSensors.CAMERAS];
    private final long[] sequences = new long[SimulatedSensors.CAMERAS];
    private final WallClock wallClock = new WallClock();
    private final PoseEstimate estimate = new PoseEstimate();
    private final double[] position = new double[3];
    private final double[] quaternion = new double[4];
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();

    private SimCameraSender(PoseSender sender, InetSocketAddress target, List<CameraConfig> cameras) {
        this.sender = sender;
        this.target = target;
        for (int c = 0; c < views.length; c++) {
            views[c] = new CameraView(cameras.get(c));
        }
        estimate.confidence = 1.0;
    }

    /**
     * A sender to the listener at {@code listener} (the address it bound) with the extrinsics of
     * cameras 1, 2 and 3 of {@code config}; a one-line {@link SensorException} when one is not configured.
     */
    public static SimCameraSender open(VisionConfig config, InetSocketAddress listener) {
        List<CameraConfig> cameras = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int id : CAMERA_IDS) {
            CameraConfig found = null;
            for (CameraConfig c : config.cameras()) {
                if (c.id() == id) {
                    found = c;
                }
            }
            if (found == null) {
                missing.add(Integer.toString(id));
            }
            cameras.add(found);
        }
        if (!missing.isEmpty()) {
            throw new SensorException("sim.sensors.cameras_udp: the simulated left, right and top cameras send as"
                + " camera ids 1, 2 and 3, and sensors.cube_pose.cameras has no id " + String.join(", ", missing)
                + ": configure all three (or set cameras_udp: false)");
        }
        // a listener bound to the wildcard address is reached on loopback
        InetSocketAddress to = listener.getAddress().isAnyLocalAddress()
            ? new InetSocketAddress("127.0.0.1", listener.getPort()) : listener;
        PoseSender s = PoseSender.open(to.getAddress().getHostAddress(), to.getPort());
        return new SimCameraSender(s, to, cameras);
    }

    /** Where the packets go. */
    public InetSocketAddress target() {
        return target;
    }

    /** Packets sent so far (any thread). */
    public long sent() {
        return sent.get();
    }

    /** Sends that failed (the listener's socket gone at shutdown, a full buffer); the pose goes stale. */
    public long sendErrors() {
        return sendErrors.get();
    }

    /**
     * Sensors thread: sends the estimate of every camera whose bit ({@code SimulatedSensors.UPDATED_CAMERA_*})
     * is set in {@code updates}.
     *
     * @param truth            the truth of this tick: its top face's angle goes with the estimates. It is
     *                         newer than their capture time, so its age is over-stated, never under-stated
     * @param clockOffsetNanos simulation time + this = control clock ({@link System#nanoTime()})
     */
    public void send(SimulatedSensors sensors, int updates, WorldTruth truth, long clockOffsetNanos) {
        // control clock (CLOCK_MONOTONIC) to CLOCK_REALTIME, as a camera stamps its frames
        long toEpoch = wallClock.nanoTime() - System.nanoTime();
        float topFaceAngle = (float) truth.faceAngles[CubeGeometry.topFace(truth.cubeQuat).index()];
        for (int c = 0; c < SimulatedSensors.CAMERAS; c++) {
            if ((updates & (SimulatedSensors.UPDATED_CAMERA_LEFT << c)) == 0) {
                continue;
            }
            CubePoseSample s = sensors.cubePose(c);
            s.copyPositionTo(position, 0);
            s.copyQuaternionTo(quaternion, 0);
            views[c].toCamera(position, 0, quaternion, 0, estimate.position, estimate.quaternion);
            estimate.camera = views[c].id();
            // per camera across episodes: the listener refuses a sequence number that goes back
            estimate.sequence = ++sequences[c];
            estimate.captureNanos = s.captureTimeNanos() + clockOffsetNanos + toEpoch;
            estimate.topFaceAngle = topFaceAngle;
            try {
                sender.send(estimate);
                sent.incrementAndGet();
            } catch (UncheckedIOException e) {
                sendErrors.incrementAndGet(); // counted: the listener's pose ages into the staleness hold
            }
        }
    }

    @Override
    public void close() {
        sender.close();
    }
}
