package dev.dexd.controller.console;

/**
 * The builders one session lends the control thread for its answers ({@code status},
 * {@code goals list}), reused from command to command: a session has one command with the control
 * thread at a time, and reads the answer before it sends the next. A command that timed out may
 * still be written to later, so its builders are given up, never reused.
 */
final class Scratch {
    private StringBuilder status;
    private StringBuilder list;

    /** An empty builder for a {@code status} answer. */
    StringBuilder status() {
        if (status == null) {
            status = new StringBuilder(ControlThreadText.STATUS_CAPACITY);
        }
        status.setLength(0);
        return status;
    }

    /** An empty builder for a {@code goals list} answer. */
    StringBuilder list() {
        if (list == null) {
            list = new StringBuilder(ControlThreadText.LIST_CAPACITY);
        }
        list.setLength(0);
        return list;
    }

    /** The control thread may still write into the builders lent so far: make new ones next time. */
    void abandon() {
        status = null;
        list = null;
    }
}
