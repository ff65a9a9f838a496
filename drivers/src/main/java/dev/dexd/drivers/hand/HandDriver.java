package dev.dexd.drivers.hand;

/**
 * The controller's view of a hand: one narrow interface whatever sits behind it (a real hand's
 * library, the MuJoCo simulation). Obtained open and active from {@code dev.dexd.drivers.HandDrivers};
 * {@link #hold()} latches an e-stop that {@link #resume()} ends; {@link #close()} is final.
 *
 * <p>Threads: {@link #read} from one thread at a time and {@link #write} from one thread at a time
 * (they may be different threads); {@link #hold()} and {@link #resume()} from any thread;
 * {@link #close()} once nothing else is calling. {@link #read} and {@link #write} do not allocate.
 */
public interface HandDriver extends AutoCloseable {

    /** What the library reported at open; the same object on every call. */
    HandDescription describe();

    /** Copies the latest state into {@code out}. */
    void read(HandState out);

    /**
     * {@link #read} for the control loop's every tick: returns 0, or the library's negative error code
     * ({@link HandError#of}) instead of throwing, so that a hand whose every call fails costs no
     * allocation per tick; {@link #lastError()} gives the text once.
     */
    int tryRead(HandState out);

    /** {@link #write} without the exception: the number clipped, or the library's negative error code. */
    int tryWrite(double[] targets);

    /** The library's text for the last failed call (allocates: once per failure burst, not per tick). */
    String lastError();

    /**
     * Sets the 20 actuator targets (rad, actuator order). Targets outside a range are clipped to it
     * (and {@link HandStatus#CLIPPED} is reported); non-finite targets are all refused with a
     * {@link HandException} ({@link HandError#NOT_FINITE}) and the previous ones stay.
     *
     * @return how many targets were clipped
     */
    int write(double[] targets);

    /** E-stop: hold the measured position and refuse writes until {@link #resume()}. */
    void hold();

    /** Ends a hold; targets stay at the held position until the next write. */
    void resume();

    /** Stops the hand and frees it. Idempotent. */
    @Override
    void close();
}
