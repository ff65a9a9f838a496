package dev.dexd.controller.counters;

import java.util.Locale;

/**
 * The per-source and per-kind sensor counters in the counters file, beyond {@link DexdCounter}:
 * recognised by their Agrona type id, their subject (a source or kind name) and detail (a rejection
 * reason) carried in the label, so {@code dexd stat} prints them and the metrics export them with
 * labels without a fixed list.
 *
 * <pre>
 *   sensor udp samples             SAMPLES    subject=udp
 *   sensor udp rejected magic      REJECTED   subject=udp, detail=magic
 *   sensor udp state               STATE      subject=udp (SourceState ordinal: 2 = running, 4 = failed)
 *   sensor cube_pose stale ticks   STALE      subject=cube_pose
 *   sensor giiker battery_percent  EXTRA      subject=giiker, detail=battery_percent (a source's own figure)
 * </pre>
 */
public enum SensorCounter {
    SAMPLES(1001), REJECTED(1002), STATE(1003), STALE(1004), EXTRA(1005);

    private final int typeId;

    SensorCounter(int typeId) {
        this.typeId = typeId;
    }

    public int typeId() {
        return typeId;
    }

    /** The label of this counter for {@code subject} (and {@code detail}, for REJECTED). */
    public String label(String subject, String detail) {
        return switch (this) {
            case SAMPLES -> "sensor " + subject + " samples";
            case REJECTED -> "sensor " + subject + " rejected " + detail;
            case STATE -> "sensor " + subject + " state";
            case STALE -> "sensor " + subject + " stale ticks";
            case EXTRA -> "sensor " + subject + " " + detail;
        };
    }

    /** The counter with this type id, or null. */
    public static SensorCounter ofTypeId(int typeId) {
        for (SensorCounter c : values()) {
            if (c.typeId == typeId) {
                return c;
            }
        }
        return null;
    }

    /** The subject (second word) of a label this enum made. */
    public static String subject(String label) {
        String[] w = label.split(" ");
        return w.length > 1 ? w[1] : "";
    }

    /** The detail of a REJECTED label (fourth word) or an EXTRA label (third word), or "". */
    public static String detail(String label) {
        String[] w = label.split(" ");
        if (w.length > 3) {
            return w[3].toLowerCase(Locale.ROOT);
        }
        return w.length == 3 ? w[2].toLowerCase(Locale.ROOT) : "";
    }
}
