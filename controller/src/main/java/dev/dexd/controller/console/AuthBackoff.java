package dev.dexd.controller.console;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wrong tokens per source address, and when the next {@code auth} from there is taken: after the
 * n-th wrong token in a row, {@value #BASE_MILLIS} ms times 2^(n-1), at most {@value #CAP_MILLIS}
 * ms. An {@code auth} sent sooner is refused without looking at its token, so guessing from one
 * address gets slower and slower whatever the number of connections. The right token clears the
 * address. Bounded memory: the {@value #MAX_ADDRESSES} addresses seen last are kept (the least
 * recently seen forgotten first), and an address without a wrong token for
 * {@value #FORGET_MILLIS} ms starts afresh. One per server, shared by its connections.
 */
public final class AuthBackoff {
    static final long BASE_MILLIS = 500;
    static final long CAP_MILLIS = 30_000;
    static final int MAX_ADDRESSES = 1024;
    static final long FORGET_MILLIS = 600_000;

    private static final class Entry {
        int failures;
        long nextNanos;
        long lastFailureNanos;
    }

    private final int maxAddresses;
    private final Map<String, Entry> table;

    public AuthBackoff() {
        this(MAX_ADDRESSES);
    }

    AuthBackoff(int maxAddresses) {
        this.maxAddresses = maxAddresses;
        this.table = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > AuthBackoff.this.maxAddresses;
            }
        };
    }

    /** How long before an {@code auth} from {@code address} is taken; 0 now. */
    public synchronized long waitNanos(String address, long nowNanos) {
        Entry e = table.get(address);
        if (e == null) {
            return 0;
        }
        if (nowNanos - e.lastFailureNanos > FORGET_MILLIS * 1_000_000L) {
            table.remove(address);
            return 0;
        }
        return Math.max(0, e.nextNanos - nowNanos);
    }

    /** Counts a wrong token from {@code address}; returns the delay before its next {@code auth} is taken. */
    public synchronized long failed(String address, long nowNanos) {
        Entry e = table.computeIfAbsent(address, a -> new Entry());
        e.failures++;
        long delay = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(e.failures - 1, 20)) * 1_000_000L;
        e.nextNanos = nowNanos + delay;
        e.lastFailureNanos = nowNanos;
        return delay;
    }

    /** Wrong tokens in a row from {@code address} (0 when none or forgotten). */
    public synchronized int failures(String address) {
        Entry e = table.get(address);
        return e == null ? 0 : e.failures;
    }

    /** The right token from {@code address}: it starts afresh. */
    public synchronized void succeeded(String address) {
        table.remove(address);
    }

    /** Addresses remembered now (at most the bound). */
    public synchronized int size() {
        return table.size();
    }
}
