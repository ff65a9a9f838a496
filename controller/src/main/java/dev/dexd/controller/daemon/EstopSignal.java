package dev.dexd.controller.daemon;

import dev.dexd.controller.command.ControlCommand;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * An e-stop on its way to the control thread, which stays the only writer of the hand: any thread
 * {@link #raise}s it (the arrival time, {@code System.nanoTime}, 0 meaning none) and unparks the
 * control thread, which takes it while waiting for its next deadline, holds the hand and goes back
 * to waiting. Commands whose requester waits for the outcome (the console's {@code estop}) ride
 * along and are completed once the hand holds. Lock-free; the control thread's side allocates nothing.
 */
public final class EstopSignal {
    private final AtomicLong arrivalNanos = new AtomicLong();
    private final ManyToOneConcurrentArrayQueue<ControlCommand> waiting = new ManyToOneConcurrentArrayQueue<>(256);
    private volatile Thread controlThread;

    /** Raises the e-stop (arrived at {@code arrival}, System.nanoTime); the earliest unserved arrival is kept. Any thread. */
    public void raise(long arrival) {
        long a = arrival == 0 ? 1 : arrival;
        while (true) {
            long current = arrivalNanos.get();
            if (current != 0 && current - a <= 0 || arrivalNanos.compareAndSet(current, a)) {
                break;
            }
        }
        Thread t = controlThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Raises the e-stop for {@code command} (type ESTOP, arrival = its creation time); the control
     * thread completes it once the hand holds. False when too many are waiting (then nothing was raised).
     */
    public boolean raise(ControlCommand command) {
        if (command.type() != ControlCommand.Type.ESTOP) {
            throw new IllegalArgumentException("only ESTOP commands take the e-stop signal, not " + command.type());
        }
        if (!waiting.offer(command)) {
            return false;
        }
        raise(command.createdNanos()); // after the offer: whoever takes this arrival also completes the command
        return true;
    }

    /** True when an e-stop waits to be taken (a volatile read: cheap enough for every turn of a spin). */
    public boolean pending() {
        return arrivalNanos.get() != 0;
    }

    /** Control thread: takes the pending arrival time, or 0 when none. */
    long take() {
        return arrivalNanos.getAndSet(0);
    }

    /** Control thread: completes every waiting command as applied at {@code step}, the hand held at {@code heldNanos}. */
    void completeWaiting(long step, long heldNanos) {
        ControlCommand c;
        while ((c = waiting.poll()) != null) {
            c.complete(true, step, heldNanos);
        }
    }

    /** Control thread, at its start: the thread to unpark when an e-stop is raised. */
    void bind(Thread thread) {
        controlThread = thread;
    }
}
