package dev.dexd.controller.console;

/**
 * The cube's state as the control step last read it from its source, for {@code solve} without
 * facelets.
 *
 * @param source   the configured source ({@code giiker}, {@code sim}), or null when none is configured
 * @param facelets 54 URFDLB letters, or null when the source has sent none yet
 * @param ageNanos how old it is (0 in lockstep, where the control clock is simulated)
 * @param staleNanos the source's age limit ({@code sensors.cube_state.stale_ms})
 */
public record CubeStateReading(String source, String facelets, long ageNanos, long staleNanos) {
    /** No cube-state source is configured. */
    public static CubeStateReading none() {
        return new CubeStateReading(null, null, 0, 0);
    }
}
