package dev.sluice.bench;

/** One of a leg's C concurrent streams: opens one stream after another on its event loop. */
interface ProxySlot {

    /** Opens the next stream (on the slot's loop). */
    void open();

    /** Closes the connection; what is in flight is not counted as an error (the leg is over). */
    void close();

    /** Whether a request is out and its stream has not ended. */
    boolean inFlight();
}
