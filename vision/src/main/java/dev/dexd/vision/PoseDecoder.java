package dev.dexd.vision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.agrona.DirectBuffer;

/**
 * Turns one datagram into a {@link PoseEstimate}: the binary form (84 bytes, magic DXPS, version 1)
 * through the {@link PosePacket} flyweight without allocating, or, when the first byte is
 * {@code '{'}, the JSON form, one object per datagram:
 * {@code {"camera": 2, "seq": 17, "t_ns": ..., "position": [x, y, z], "quaternion": [w, x, y, z],
 * "confidence": 0.9, "top_face_angle": 0.1}} ({@code confidence} defaults to 1,
 * {@code top_face_angle} is optional; any other key is refused). The JSON path allocates (Jackson's
 * parser per datagram): it is for quick senders, not for rates where that matters.
 * Only the form is checked here; the values are {@link PoseGate}'s business.
 */
public final class PoseDecoder {
    private static final JsonFactory JSON = new JsonFactory();
    private final PosePacket packet = new PosePacket();
    private byte[] json = new byte[0];

    /** Decodes {@code buffer[offset..offset+length)} into {@code out}; null when it is well formed, else the reason. */
    public Rejection decode(final DirectBuffer buffer, final int offset, final int length, final PoseEstimate out) {
        if (length > 0 && buffer.getByte(offset) == '{') {
            if (json.length < length) {
                json = new byte[Math.max(length, 512)];
            }
            buffer.getBytes(offset, json, 0, length);
            return parseJson(json, 0, length, out);
        }
        if (length != PosePacket.LENGTH) {
            return length >= 4 && packet.wrap(buffer, offset).magic() != PosePacket.MAGIC ? Rejection.MAGIC : Rejection.LENGTH;
        }
        packet.wrap(buffer, offset);
        if (packet.magic() != PosePacket.MAGIC) {
            return Rejection.MAGIC;
        }
        if (packet.version() != PosePacket.VERSION) {
            return Rejection.VERSION;
        }
        out.copyFrom(packet);
        return null;
    }

    /** The JSON form of one datagram. */
    static Rejection parseJson(final byte[] bytes, final int offset, final int length, final PoseEstimate out) {
        boolean camera = false;
        boolean seq = false;
        boolean time = false;
        boolean position = false;
        boolean quaternion = false;
        out.confidence = 1.0;
        out.topFaceAngle = Double.NaN;
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Rejection.JSON;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return Rejection.JSON;
                }
                final String key = p.currentName();
                final JsonToken v = p.nextToken();
                switch (key) {
                    case "camera" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > 65_535) {
                            return Rejection.JSON;
                        }
                        out.camera = p.getIntValue();
                        camera = true;
                    }
                    case "seq" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > 0xFFFF_FFFFL) {
                            return Rejection.JSON;
                        }
                        out.sequence = p.getLongValue();
                        seq = true;
                    }
                    case "t_ns" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            return Rejection.JSON;
                        }
                        out.captureNanos = p.getLongValue();
                        time = true;
                    }
                    case "position" -> {
                        if (!array(p, v, out.position, 3)) {
                            return Rejection.JSON;
                        }
                        position = true;
                    }
                    case "quaternion" -> {
                        if (!array(p, v, out.quaternion, 4)) {
                            return Rejection.JSON;
                        }
                        quaternion = true;
                    }
                    case "confidence" -> {
                        if (!v.isNumeric()) {
                            return Rejection.JSON;
                        }
                        out.confidence = p.getDoubleValue();
                    }
                    case "top_face_angle" -> {
                        if (!v.isNumeric()) {
                            return Rejection.JSON;
                        }
                        out.topFaceAngle = p.getDoubleValue();
                        if (Double.isNaN(out.topFaceAngle)) {
                            return Rejection.NOT_FINITE;
                        }
                    }
                    default -> {
                        return Rejection.JSON;
                    }
                }
            }
            if (p.nextToken() != null) {
                return Rejection.JSON;
            }
        } catch (IOException | RuntimeException e) {
            return Rejection.JSON;
        }
        return camera && seq && time && position && quaternion ? null : Rejection.JSON;
    }

    private static boolean array(final JsonParser p, final JsonToken start, final double[] out, final int size)
        throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return false;
        }
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null || !t.isNumeric() || i == size) {
                return false;
            }
            out[i++] = p.getDoubleValue();
        }
        return i == size;
    }
}
