package dev.dexd.vision;

import dev.dexd.common.config.ConfigNode;

/**
 * The motion-capture fingertip source's settings, from {@code sensors.fingertips} when its source
 * is {@code mocap_udp}: where to listen, the bridge's source id, how old a sample may be, the
 * flood limit.
 */
public record MocapConfig(String bind, int port, int source, long maxAgeMs, double maxRateHz, int receiveBufferBytes) {
    public static final int DEFAULT_PORT = 5006;

    /**
     * Reads {@code bind, port, source_id, max_age_ms, max_rate_hz, receive_buffer_kb}; as with
     * {@link VisionConfig#read}, the caller reads {@code source} and {@code stale_ms} and then calls
     * {@code rejectUnknownKeys()} on the section.
     */
    public static MocapConfig read(final ConfigNode sensorsFingertips) {
        final ConfigNode n = sensorsFingertips;
        return new MocapConfig(
            n.text("bind", VisionConfig.DEFAULT_BIND),
            (int) n.integer("port", DEFAULT_PORT, 0, 65_535),
            (int) n.integer("source_id", 1, 0, 65_535),
            n.integer("max_age_ms", 200, 1, 60_000),
            n.number("max_rate_hz", 1000, 1, 100_000),
            (int) n.integer("receive_buffer_kb", VisionConfig.DEFAULT_RECEIVE_BUFFER_KB, 4, 65_536) << 10);
    }

    /** The same settings listening on another address (tests). */
    public MocapConfig withAddress(final String bind, final int port) {
        return new MocapConfig(bind, port, source, maxAgeMs, maxRateHz, receiveBufferBytes);
    }
}
