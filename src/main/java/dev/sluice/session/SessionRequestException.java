package dev.sluice.session;

/**
 * A session request a client must fix (400): an unknown retention policy, a TTL past the
 * maximum, a context that cannot fit its budget… Carries the parameter and an error code so
 * transports answer in their error shape.
 */
public class SessionRequestException extends IllegalArgumentException {

    private final String param;
    private final String code;

    public SessionRequestException(String param, String code, String message) {
        super(message);
        this.param = param;
        this.code = code;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }
}
