package dev.sluice.api.http;

import dev.sluice.policy.masking.UnknownMaskingProfileException;
import dev.sluice.model.GenerationFailure;
import dev.sluice.provider.UnknownModelException;
import dev.sluice.security.refusal.Refusal;
import dev.sluice.security.refusal.RefusedException;
import dev.sluice.store.StoreUnavailableException;
import dev.sluice.session.SessionExistsException;
import dev.sluice.session.SessionRequestException;
import dev.sluice.session.UnknownSessionException;
import dev.sluice.model.ErrorCode;
import dev.sluice.stream.ShuttingDownException;
import dev.sluice.stream.journal.JournalFullException;
import dev.sluice.stream.journal.UnknownStreamException;
import org.jboss.logging.Logger;

/**
 * Turns any failure into the error a client gets. Known failures become their 4xx or 5xx with
 * a message saying what to do; anything unexpected becomes a generic 500 whose body names no
 * class and carries no stack trace (the log gets the class name, never request content).
 */
public final class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static ApiError toApiError(Throwable failure) {
        if (failure instanceof InvalidRequestException e) {
            return e.error();
        }
        if (failure instanceof RefusedException e) {
            return refused(e.error());
        }
        if (failure instanceof UnknownModelException e) {
            return ApiError.notFound("model", "model_not_found", e.getMessage());
        }
        if (failure instanceof dev.sluice.provider.AmbiguousModelException e) {
            return ApiError.invalid("model", "model_ambiguous", e.getMessage());
        }
        if (failure instanceof dev.sluice.provider.EmbeddingsUnsupportedException e) {
            return ApiError.invalid("model", "model_not_supported", e.getMessage());
        }
        if (failure instanceof UnknownStreamException e) {
            return ApiError.notFound("id", "stream_not_found", e.getMessage());
        }
        if (failure instanceof SessionRequestException e) {
            return ApiError.invalid(e.param(), e.code(), e.getMessage());
        }
        if (failure instanceof UnknownSessionException e) {
            return ApiError.notFound("session", "session_not_found",
                    "No session with that id exists (or it expired, or it belongs to another tenant).");
        }
        if (failure instanceof SessionExistsException e) {
            return new ApiError(409, "invalid_request_error", "session_exists", "id", e.getMessage());
        }
        if (failure instanceof UnknownMaskingProfileException e) {
            return ApiError.invalid("masking", "invalid_value", e.getMessage());
        }
        if (failure instanceof dev.sluice.provider.RefusedOptionException e) {
            return ApiError.invalid(null, e.code(), e.getMessage());
        }
        if (failure instanceof IllegalArgumentException e) {
            return ApiError.invalid(null, "invalid_value", e.getMessage());
        }
        if (failure instanceof JournalFullException e) {
            return new ApiError(503, "server_error", "capacity_exceeded", null, e.getMessage());
        }
        if (failure instanceof ShuttingDownException e) {
            return new ApiError(503, "server_error", "shutting_down", null, e.getMessage());
        }
        if (failure instanceof StoreUnavailableException e) {
            return new ApiError(503, "server_error", "store_unavailable", null, e.getMessage());
        }
        if (failure instanceof GenerationFailure e) {
            return fromStreamError(e.code(), e.getMessage());
        }
        LOG.errorf("unexpected failure: %s", failure.getClass().getName());
        return new ApiError(500, "server_error", "internal_error", null,
                "The gateway failed to handle the request; retry it.");
    }

    /** What security refused, as the error: its reason's status, rate limits with OpenAI's own error type. */
    public static ApiError refused(Refusal refusal) {
        String type = refusal.reason() == Refusal.Reason.RATE_LIMITED ? "rate_limit_error" : "invalid_request_error";
        return new ApiError(refusal.status(), type, refusal.code(), refusal.param(), refusal.message());
    }

    /** The HTTP error for a stream that ended with an error before anything was sent. */
    public static ApiError fromStreamError(ErrorCode code, String message) {
        int status = switch (code) {
            case UPSTREAM_RATE_LIMITED -> 429;
            case UPSTREAM_TIMEOUT -> 504;
            case POLICY_VIOLATION -> 400;
            case SHUTDOWN, SLOW_CONSUMER -> 503;
            case INTERNAL -> 500;
            default -> 502;
        };
        String type = status == 400 ? "invalid_request_error" : status == 429 ? "rate_limit_error" : "server_error";
        return new ApiError(status, type, code.wire(), null, message);
    }
}
