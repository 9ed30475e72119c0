package dev.sluice.provider;

/**
 * A per-request option the server is configured to refuse (for example the simulator's overrides
 * in production): a client error with its own code, so the client learns it is a server setting,
 * not a malformed value.
 */
public class RefusedOptionException extends IllegalArgumentException {

    private final String code;

    public RefusedOptionException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
