package dev.sluice.session;

/** A client chose a session id that is taken (409). */
public class SessionExistsException extends RuntimeException {

    public SessionExistsException(String id) {
        super("A session with id '" + id + "' already exists; choose another id or omit it.", null, false, false);
    }
}
