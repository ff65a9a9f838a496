package dev.dexd.vision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/** Opens the listeners' UDP sockets, with one-line errors naming the config keys to change. */
final class UdpSockets {
    private UdpSockets() {
    }

    /**
     * A blocking datagram channel bound to {@code bind:port} with the given receive buffer.
     *
     * @param what   what arrives there, for messages ("pose packets")
     * @param keys   the config section to change, for messages ("sensors.cube_pose")
     */
    static DatagramChannel bind(final String bind, final int port, final int receiveBufferBytes, final String what,
                                final String keys) {
        final InetSocketAddress address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            throw new VisionException(keys + ".bind: cannot resolve '" + bind + "': give an IP address such as 127.0.0.1");
        }
        final DatagramChannel channel;
        try {
            channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket", e);
        }
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            channel.bind(address);
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            if (e instanceof BindException) {
                throw new VisionException("cannot listen for " + what + " on " + bind + ":" + port + " (" + e.getMessage()
                    + "): another program (another dexd?) uses the port, or the address is not this machine's;"
                    + " change " + keys + ".port or bind");
            }
            throw new UncheckedIOException("cannot bind the socket for " + what + " to " + address, e);
        }
    }

    static InetSocketAddress localAddress(final DatagramChannel channel) {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void closeQuietly(final DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException suppressed) {
            // closing a datagram channel releases the port; there is nothing else to undo
        }
    }
}
