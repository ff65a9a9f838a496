package dev.dexd.controller.sensing;

import dev.dexd.common.sensing.LifecycleSource;
import dev.dexd.common.sensing.SensorException;
import dev.dexd.common.sensing.SensorKind;
import dev.dexd.common.sensing.SourceCounters;
import dev.dexd.vision.PacketListener;
import dev.dexd.vision.VisionCounters;
import dev.dexd.vision.VisionException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * A source fed by one of vision/'s UDP listeners: configure binds its socket (a port in use is a
 * one-line refusal), start starts its thread, stop closes both; its counters are the listener's.
 *
 * @param <L> the listener
 */
abstract class UdpListenerSource<L extends PacketListener> extends LifecycleSource {
    private final SourceCounters counters;
    private volatile L listener;

    /** @param samples which of the listener's counts are this source's samples */
    UdpListenerSource(String name, Set<SensorKind> kinds, ToLongFunction<VisionCounters> samples) {
        super(name, kinds);
        this.counters = new VisionSourceCounters(() -> {
            L l = listener;
            return l == null ? null : l.counters();
        }, samples);
    }

    /** Binds the listener's socket without starting its thread. */
    abstract L open();

    /** The listener (after configure): the control thread reads its mailbox. */
    final L listener() {
        return listener;
    }

    @Override
    protected final void onConfigure() {
        try {
            listener = open();
        } catch (VisionException e) {
            throw new SensorException(e.getMessage(), e);
        }
    }

    @Override
    protected final void onStart() {
        listener.startThread();
    }

    @Override
    protected final void onStop() {
        L l = listener;
        if (l != null) {
            l.close();
        }
    }

    /** The address bound (the port chosen when the config said 0); null before configure. */
    public final InetSocketAddress address() {
        L l = listener;
        return l == null ? null : l.address();
    }

    /** "host:port" as bound, or as configured before configure. */
    final String where(String bind, int port) {
        InetSocketAddress a = address();
        return a != null ? a.getAddress().getHostAddress() + ":" + a.getPort() : bind + ":" + port;
    }

    @Override
    public final SourceCounters counters() {
        return counters;
    }
}
