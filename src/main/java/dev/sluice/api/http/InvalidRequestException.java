package dev.sluice.api.http;

/** A request a client must fix; carries the error to send back. */
public class InvalidRequestException extends RuntimeException {

    private final transient ApiError error;

    public InvalidRequestException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public static InvalidRequestException of(String param, String code, String message) {
        return new InvalidRequestException(ApiError.invalid(param, code, message));
    }

    public ApiError error() {
        return error;
    }

    /** Headers to send with the error (e.g. {@code Retry-After}); none by default. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }
}
