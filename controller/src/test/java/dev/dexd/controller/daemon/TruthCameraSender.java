package dev.dexd.controller.daemon;

import dev.dexd.common.geometry.Quaternions;
import dev.dexd.controller.goals.CubeGeometry;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.drivers.sim.WorldTruth;
import dev.dexd.vision.CameraConfig;
import dev.dexd.vision.CameraView;
import dev.dexd.vision.PoseEstimate;
import dev.dexd.vision.PoseSender;
import dev.dexd.vision.WallClock;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

/**
 * A test's camera rig in front of a rehearsal: a thread that reads the running simulation's cube
 * truth and sends it, as each configured camera would see it (in its own frame, through its
 * extrinsics) with Gaussian noise (1 mm per axis, 0.01 rad about a random axis), as DXPS packets at
 * a fixed rate, capture time the truth's read time on CLOCK_REALTIME. {@link #pause} and
 * {@link #resume} stop and restart the stream; each send's control-clock time is kept so a test can
 * tell when the last packet before a pause went out.
 */
final class TruthCameraSender implements AutoCloseable {
    static final double POSITION_SD_M = 0.001;
    static final double ANGLE_SD_RAD = 0.01;

    private final SimulatedHand hand;
    private final PoseSender sender;
    private final CameraView[] views;
    private final long periodNanos;
    private final Random random = new Random(42);
    private final WallClock wallClock = new WallClock();
    private final Thread thread;
    private volatile boolean paused;
    private volatile boolean stopped;
    private volatile long lastSendMonotonic = Long.MIN_VALUE;
    private volatile long sends;
    private volatile Throwable failure;

    TruthCameraSender(SimulatedHand hand, InetSocketAddress listener, List<CameraConfig> cameras, double rateHz) {
        this.hand = hand;
        this.sender = PoseSender.open("127.0.0.1", listener.getPort());
        this.views = cameras.stream().map(CameraView::new).toArray(CameraView[]::new);
        this.periodNanos = (long) (1e9 / rateHz);
        this.thread = new Thread(this::run, "test-camera-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sending; returns the control-clock time of the last truth sent (its capture time). */
    long pause() throws InterruptedException {
        paused = true;
        Thread.sleep(2 * periodNanos / 1_000_000 + 5); // let a send under way finish
        return lastSendMonotonic;
    }

    /** Sends again; returns the control-clock time it resumed at. */
    long resume() {
        long now = System.nanoTime();
        paused = false;
        return now;
    }

    /** Rounds of packets sent (one per camera each). */
    long sends() {
        return sends;
    }

    private void run() {
        WorldTruth truth = new WorldTruth();
        PoseEstimate e = new PoseEstimate();
        double[] q = new double[4];
        double[] noise = new double[4];
        double[] p = new double[3];
        long[] seq = new long[views.length];
        long next = System.nanoTime();
        try {
            while (!stopped) {
                long now = System.nanoTime();
                if (now - next < 0) {
                    Thread.sleep(Math.max(1, (next - now) / 1_000_000));
                    continue;
                }
                next = now - next > 5 * periodNanos ? now + periodNanos : next + periodNanos; // no catch-up burst
                if (paused) {
                    continue;
                }
                hand.readTruth(truth);
                long captureMonotonic = System.nanoTime();
                long captureEpoch = wallClock.nanoTime();
                double top = truth.faceAngles[CubeGeometry.topFace(truth.cubeQuat).index()];
                for (int c = 0; c < views.length; c++) {
                    for (int i = 0; i < 3; i++) {
                        p[i] = truth.cubePos[i] + POSITION_SD_M * random.nextGaussian();
                    }
                    double x = random.nextGaussian();
                    double y = random.nextGaussian();
                    double z = random.nextGaussian();
                    double n = Math.sqrt(x * x + y * y + z * z);
                    Quaternions.fromAxisAngle(x / n, y / n, z / n, ANGLE_SD_RAD * random.nextGaussian(), noise, 0);
                    Quaternions.multiply(noise, 0, truth.cubeQuat, 0, q, 0);
                    views[c].toCamera(p, 0, q, 0, e.position, e.quaternion);
                    e.camera = views[c].id();
                    e.sequence = ++seq[c];
                    e.captureNanos = captureEpoch;
                    e.confidence = 0.9;
                    e.topFaceAngle = top;
                    sender.send(e);
                }
                lastSendMonotonic = captureMonotonic;
                sends++;
            }
        } catch (InterruptedException ignored) {
            // closing
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** The sender thread's failure, or null. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5_000);
        sender.close();
    }
}
