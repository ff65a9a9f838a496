package dev.dexd.controller.daemon;

import dev.dexd.common.sensing.SensorFrame;
import dev.dexd.common.concurrent.TripleBuffer;
import dev.dexd.controller.sensing.SimSensorFeed;
import dev.dexd.drivers.sim.SimulatedHand;
import dev.dexd.drivers.sim.WorldTruth;
import org.agrona.concurrent.Agent;

/**
 * The simulation running at wall-clock pace (the library's own thread steps the physics). The
 * sensors agent, on its own thread, polls the truth, feeds the simulated sensors and publishes the
 * latest frame through a {@link TripleBuffer}; the control thread only reads it. The
 * control clock is {@link System#nanoTime()} (CLOCK_MONOTONIC, the hand library's stamp clock too).
 */
public final class RealtimeSimWorld implements World {
    private final SimulatedHand hand;
    private final SimPerturbations perturbations;
    private final TripleBuffer<SensorFrame> mailbox = new TripleBuffer<>(SensorFrame::new,
        (from, into) -> into.copyFrom(from));
    private final SensorsAgent agent;
    private volatile long resetSeed;
    private volatile boolean resetRequested;

    public RealtimeSimWorld(SimulatedHand hand, SimSensorFeed feed) {
        this.hand = hand;
        this.perturbations = new SimPerturbations(hand, feed);
        this.agent = new SensorsAgent(feed);
    }

    /** The agent to run on the sensors thread. */
    public Agent sensorsAgent() {
        return agent;
    }

    @Override
    public void beforeRead() {
        perturbations.stallIfRequested();
    }

    @Override
    public void latest(SensorFrame out) {
        mailbox.read(out);
    }

    @Override
    public Perturbations perturbations() {
        return perturbations;
    }

    @Override
    public long handClockOffsetNanos() {
        return 0;
    }

    @Override
    public void afterTick(long periodNanos) {
        // the physics runs on the library's thread
    }

    @Override
    public void reset(long seed) {
        hand.reset(seed);
        resetSeed = seed;
        resetRequested = true; // the sensors belong to the sensors thread: it resets them
    }

    /** Polls the simulation's truth and publishes what the simulated sensors make of it. */
    private final class SensorsAgent implements Agent {
        private final SimSensorFeed feed;
        private final WorldTruth truth = new WorldTruth();
        private final SensorFrame frame = new SensorFrame();
        private long lastTruthNanos = Long.MIN_VALUE;

        SensorsAgent(SimSensorFeed feed) {
            this.feed = feed;
        }

        @Override
        public int doWork() {
            if (resetRequested) {
                resetRequested = false;
                feed.reset(resetSeed);
                frame.clear();
                lastTruthNanos = Long.MIN_VALUE;
                mailbox.publish(frame);
            }
            long before = System.nanoTime();
            hand.readTruth(truth);
            long after = System.nanoTime();
            if (truth.timeNanos == lastTruthNanos) {
                return 0;
            }
            if (truth.timeNanos < lastTruthNanos) {
                // the simulation was reset under us: start the sensors' clocks again
                feed.reset(resetSeed);
                frame.clear();
            }
            lastTruthNanos = truth.timeNanos;
            long offset = (before + after) / 2 - truth.timeNanos;
            if (feed.onTruth(truth, offset, frame)) {
                mailbox.publish(frame);
            }
            return 1;
        }

        @Override
        public String roleName() {
            return "dexd-sensors";
        }
    }
}
