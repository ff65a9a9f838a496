package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.controller.sensing.SimSensorFeed;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.drivers.sim.WorldTruth;

/**
 * The simulation advanced by the control loop itself: after each tick the physics steps exactly one
 * control period, and the simulated sensors see the truth after every physics step. No wall clock,
 * no other thread: the same seed gives the same run, bit for bit. The control clock is
 * {@code step x period}; simulation time is mapped onto it so that a world reset does not turn time back.
 */
public final class LockstepSimWorld implements World {
    private final SimulatedHand hand;
    private final SimPerturbations perturbations;
    private final SimSensorFeed feed;
    private final WorldTruth truth = new WorldTruth();
    private final SensorFrame frame = new SensorFrame();
    private long controlNanos;
    private long offsetNanos;

    public LockstepSimWorld(SimulatedHand hand, SimSensorFeed feed) {
        this.hand = hand;
        this.perturbations = new SimPerturbations(hand, feed);
        this.feed = feed;
    }

    @Override
    public void beforeRead() {
        perturbations.stallIfRequested();
    }

    @Override
    public void latest(SensorFrame out) {
        out.copyFrom(frame);
    }

    @Override
    public Perturbations perturbations() {
        return perturbations;
    }

    @Override
    public long handClockOffsetNanos() {
        return offsetNanos;
    }

    @Override
    public void afterTick(long periodNanos) {
        long target = controlNanos + periodNanos;
        int steps = hand.stepsFor(periodNanos);
        for (int i = 0; i < steps; i++) {
            hand.step(1);
            hand.readTruth(truth);
            feed.onTruth(truth, offsetNanos, frame);
        }
        controlNanos = target;
    }

    /** The control clock: simulated nanoseconds since start. */
    public long nowNanos() {
        return controlNanos;
    }

    @Override
    public void reset(long seed) {
        hand.reset(seed);
        feed.reset(seed);
        frame.clear();
        hand.readTruth(truth);
        offsetNanos = controlNanos - truth.timeNanos;
        feed.onTruth(truth, offsetNanos, frame);
    }
}
