package dev.dexd.giiker.ble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesUpToTheMaximumAndResets() {
        final Backoff b = new Backoff(100, 700);
        assertEquals(100, b.next());
        assertEquals(200, b.next());
        assertEquals(400, b.next());
        assertEquals(700, b.next());
        assertEquals(700, b.next());
        b.reset();
        assertEquals(100, b.next());
    }

    @Test
    void neverOverflowsNearLongMax() {
        final Backoff b = new Backoff(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE);
        b.next();
        assertEquals(Long.MAX_VALUE, b.next());
        assertEquals(Long.MAX_VALUE, b.next());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5));
    }
}
