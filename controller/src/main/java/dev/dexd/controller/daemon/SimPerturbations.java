package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorKind;
import dev.dexd.controller.sensing.SimSensorFeed;
import dev.dexd.drivers.sim.SimulatedHand;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulation's {@link Perturbations}: faults go to the MuJoCo library, sensor drops to the
 * simulated sensors' feed, and a stall is kept until the world's next {@link World#latest} on the
 * control thread, which then blocks for it.
 */
final class SimPerturbations implements Perturbations {
    private final SimulatedHand hand;
    private final SimSensorFeed feed;
    private final List<String> joints;
    private long stallNanos; // control thread only

    SimPerturbations(SimulatedHand hand, SimSensorFeed feed) {
        this.hand = hand;
        this.feed = feed;
        this.joints = List.copyOf(hand.describe().jointNames());
    }

    @Override
    public List<String> jointNames() {
        return joints;
    }

    @Override
    public void lockJoint(int joint) {
        hand.lockJoint(joint, true);
    }

    @Override
    public void unlockJoints() {
        hand.clearFaults();
    }

    @Override
    public void driverFault(boolean on) {
        hand.injectFault(on);
    }

    @Override
    public void stallNextTick(long nanos) {
        stallNanos = nanos;
    }

    @Override
    public void randomise(long seed) {
        hand.randomise(seed);
    }

    @Override
    public void dropSensor(SensorKind kind, long untilNanos) {
        feed.drop(kind, untilNanos);
    }

    /** Blocks for a requested stall, once (the world calls this at the start of a tick). */
    void stallIfRequested() {
        long n = stallNanos;
        if (n <= 0) {
            return;
        }
        stallNanos = 0;
        long end = System.nanoTime() + n;
        for (long left = n; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
