package dev.sluice.stream.journal;

/** A journal bound (per stream or global) was reached. */
public class JournalFullException extends RuntimeException {
    public JournalFullException(String message) {
        super(message, null, false, false);
    }
}
