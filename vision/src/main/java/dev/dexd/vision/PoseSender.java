package dev.dexd.vision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends pose packets to a listener: what {@code dexd vision send} and the tests use, and the Java
 * counterpart of the Python sender in docs/vision.md. The binary form allocates nothing per packet.
 */
public final class PoseSender implements AutoCloseable {
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final ByteBuffer out = ByteBuffer.allocateDirect(DatagramAgent.MAX_DATAGRAM);
    private final UnsafeBuffer buffer = new UnsafeBuffer(out);

    private PoseSender(final DatagramChannel channel, final InetSocketAddress target) {
        this.channel = channel;
        this.target = target;
    }

    /** A sender to {@code host:port}; a host that does not resolve is a {@link VisionException}. */
    public static PoseSender open(final String host, final int port) {
        final InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            throw new VisionException("cannot resolve host '" + host + "': give an IP address such as 127.0.0.1");
        }
        try {
            return new PoseSender(DatagramChannel.open(), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code e} as one 84-byte binary packet. */
    public void send(final PoseEstimate e) {
        PosePacket.write(buffer, 0, e.camera, e.sequence, e.captureNanos, e.position, e.quaternion,
            (float) e.confidence, (float) e.topFaceAngle);
        out.clear().limit(PosePacket.LENGTH);
        sendBuffer();
    }

    /** Sends {@code e} as one JSON object. */
    public void sendJson(final PoseEstimate e) {
        sendBytes(json(e).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends any bytes as one datagram (tests of bad packets). */
    public void sendBytes(final byte[] bytes) {
        out.clear();
        out.put(bytes).flip();
        sendBuffer();
    }

    private void sendBuffer() {
        try {
            channel.send(out, target);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot send to " + target, ex);
        }
    }

    /** The JSON form of {@code e}, as docs/vision.md shows it. */
    public static String json(final PoseEstimate e) {
        final StringBuilder b = new StringBuilder(200)
            .append("{\"camera\": ").append(e.camera)
            .append(", \"seq\": ").append(e.sequence)
            .append(", \"t_ns\": ").append(e.captureNanos)
            .append(", \"position\": [").append(e.position[0]).append(", ").append(e.position[1]).append(", ")
            .append(e.position[2]).append("], \"quaternion\": [").append(e.quaternion[0]).append(", ")
            .append(e.quaternion[1]).append(", ").append(e.quaternion[2]).append(", ").append(e.quaternion[3])
            .append("], \"confidence\": ").append(e.confidence);
        if (!Double.isNaN(e.topFaceAngle)) {
            b.append(", \"top_face_angle\": ").append(e.topFaceAngle);
        }
        return b.append('}').toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
