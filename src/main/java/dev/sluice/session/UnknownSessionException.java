package dev.sluice.session;

/** No such session, or it belongs to another tenant, or it expired: callers answer 404 either way. */
public class UnknownSessionException extends RuntimeException {

    private final String sessionId;

    public UnknownSessionException(String sessionId) {
        super("unknown session", null, false, false);
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
