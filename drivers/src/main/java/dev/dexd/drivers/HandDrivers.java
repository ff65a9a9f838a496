package dev.dexd.drivers;

import dev.dexd.drivers.hand.HandConfig;
import dev.dexd.drivers.hand.HandDriver;
import dev.dexd.drivers.hand.HandError;
import dev.dexd.drivers.hand.HandException;
import dev.dexd.drivers.hand.HandLibrary;
import dev.dexd.drivers.hand.NativeHandDriver;
import dev.dexd.drivers.sim.SimulatedHand;

/**
 * Opens the hand a config names. The one way the daemon, the CLI and the tests get a hand, so a
 * real hand's library and the simulation are loaded by the same code path.
 */
public final class HandDrivers {
    private HandDrivers() {
    }

    /**
     * Loads {@code config.library()} and opens the hand with the config's options: a
     * {@link SimulatedHand} when the library is a simulation, else a {@link NativeHandDriver}.
     */
    public static HandDriver open(HandConfig config) {
        HandLibrary library = HandLibrary.load(config.library(), config.source());
        return library.hasSimulation() ? new SimulatedHand(library, config.nativeConfig())
            : new NativeHandDriver(library, config.nativeConfig());
    }

    /**
     * {@link #open} for the daemon, which runs on {@code clock}: a simulation is told the clock (its
     * {@code clock} option); a real hand gets its config as written, since it keeps its own time and
     * its library takes only its own keys. (Refusing lockstep on a real hand is the caller's: it can
     * name its config.)
     */
    public static HandDriver open(HandConfig config, ClockMode clock) {
        HandLibrary library = HandLibrary.load(config.library(), config.source());
        return library.hasSimulation() ? new SimulatedHand(library, config.with("clock", clock.key()).nativeConfig())
            : new NativeHandDriver(library, config.nativeConfig());
    }

    /** Like {@link #open} but insists on a simulation (tests, batch evaluation). */
    public static SimulatedHand openSimulated(HandConfig config) {
        HandLibrary library = HandLibrary.load(config.library(), config.source());
        if (!library.hasSimulation()) {
            throw new HandException(HandError.UNSUPPORTED, "hand library " + library.file() + " (from "
                + (config.source() == null ? "code" : config.source()) + ") is not a simulation");
        }
        return new SimulatedHand(library, config.nativeConfig());
    }
}
