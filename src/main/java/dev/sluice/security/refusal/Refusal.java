package dev.sluice.security.refusal;

/**
 * Why a caller is refused, in terms every API answers the same: the reason, a stable code (such
 * as {@code model_not_found}, {@code invalid_api_key} or {@code rate_limit_exceeded}), the
 * request parameter at fault if any, and a message saying what to do. How it is written (error
 * type, OpenAI or Anthropic shape, headers) is up to the API that answers.
 *
 * @param param the request parameter at fault, or null
 */
public record Refusal(Reason reason, String code, String param, String message) {

    /**
     * The kinds of refusal. Each has the one status every Sluice API answers it with, over HTTP
     * and in WebSocket rejections alike, so callers and tests can tell them apart by it.
     */
    public enum Reason {
        /** A parameter past what the caller's key allows. */
        INVALID_VALUE(400),
        /** No key, or one that matches no configured key. */
        UNAUTHENTICATED(401),
        /** Something the key may not use, answered as if it did not exist. */
        NOT_FOUND(404),
        /** A rate limit of the key is reached. */
        RATE_LIMITED(429);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public int status() {
        return reason.status();
    }
}
