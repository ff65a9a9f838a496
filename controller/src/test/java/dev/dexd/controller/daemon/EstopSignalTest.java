package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class EstopSignalTest {
    @Test
    void theEarliestUnservedArrivalIsKeptAndTakenOnce() {
        EstopSignal s = new EstopSignal();
        assertFalse(s.pending());
        assertEquals(0, s.take());
        s.raise(200);
        s.raise(300);
        s.raise(100);
        assertTrue(s.pending());
        assertEquals(100, s.take(), "the earliest arrival: the latency is measured from the first e-stop");
        assertFalse(s.pending());
        assertEquals(0, s.take());
    }

    @Test
    void commandsRideAlongAndAreCompletedWhenTheHandHolds() {
        EstopSignal s = new EstopSignal();
        ControlCommand c = ControlCommand.of(ControlCommand.Type.ESTOP);
        assertTrue(s.raise(c));
        assertEquals(c.createdNanos(), s.take());
        assertFalse(c.isDone());
        s.completeWaiting(42, c.createdNanos() + 5);
        assertTrue(c.isDone() && c.ok());
        assertEquals(42, c.appliedStep());
        assertEquals(c.createdNanos() + 5, c.appliedNanos());
        assertThrows(IllegalArgumentException.class, () -> s.raise(ControlCommand.of(ControlCommand.Type.RESET)));
    }

    @Test
    void raisingWakesTheParkedControlThread() throws Exception {
        EstopSignal s = new EstopSignal();
        CountDownLatch bound = new CountDownLatch(1);
        AtomicLong seen = new AtomicLong();
        Thread control = new Thread(() -> {
            s.bind(Thread.currentThread());
            bound.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!s.pending() && System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            seen.set(s.take());
        });
        control.start();
        assertTrue(bound.await(10, TimeUnit.SECONDS));
        Thread.sleep(50); // let it park
        s.raise(7);
        control.join(30_000);
        assertFalse(control.isAlive(), "woken by the raise, long before its one-minute park ended");
        assertEquals(7, seen.get());
    }
}
