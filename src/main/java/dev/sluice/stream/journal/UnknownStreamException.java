package dev.sluice.stream.journal;

/** No stream with this id exists here, or its resume window has passed. */
public class UnknownStreamException extends RuntimeException {
    public UnknownStreamException(String streamId) {
        super("No stream with id '" + streamId + "' exists (or its resume window has passed).", null, false, false);
    }
}
