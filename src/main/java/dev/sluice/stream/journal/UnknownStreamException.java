package dev.sluice.stream.journal;

/** No stream with this id exists here, or its resume window has passed. */
public class UnknownStreamException extends RuntimeException {
    public UnknownStreamException(String streamId) {
        // The id is not echoed: it is client input of any length.
        super("No stream with this id exists (or its resume window has passed).", null, false, false);
    }
}
