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
