package dev.dexd.drivers;

/**
 * Who advances time: the one clock mode type of dexd (config {@code control.clock}, the simulation's
 * {@code clock} option, the daemon's scheduler). It lives here because the simulation in this module
 * is what runs in either mode; the controller maps it to a scheduler ({@code TickScheduler.of}).
 */
public enum ClockMode {
    /** The wall clock: a library thread steps the physics at wall-clock pace, like a real hand's own loop;
     *  the control loop waits for absolute deadlines. */
    REALTIME,
    /** No wall clock: the caller steps the physics ({@code SimulatedHand#step}) by exactly one period per
     *  tick; deterministic, as fast as the CPU allows. */
    LOCKSTEP;

    /** The name as written in configs and options: {@code realtime} or {@code lockstep}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
