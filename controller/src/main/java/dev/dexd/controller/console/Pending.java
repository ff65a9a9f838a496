package dev.dexd.controller.console;

/**
 * A command being carried out. The session polls the oldest one on the event loop (at once, then
 * about every millisecond) until it yields its reply; nothing ever waits for it.
 */
@FunctionalInterface
interface Pending {
    /** Event loop only: moves the command on; its reply once it is done, else null. */
    Reply poll(long nowNanos);

    /** A command that is done already. */
    static Pending done(Reply reply) {
        return now -> reply;
    }
}
