package dev.sluice.api.responses;

import dev.sluice.api.http.ApiError;
import dev.sluice.api.http.ErrorShape;
import dev.sluice.api.http.InvalidRequestException;

/**
 * The Responses API's errors: OpenAI's shape, where a response that cannot be found is
 * {@code response_not_found} whether its session or its stream is what is missing.
 */
final class ResponseErrors {

    /** OpenAI's error object; an unknown stream or session behind a response id reads as an unknown response. */
    static final ErrorShape SHAPE = error -> "stream_not_found".equals(error.code())
            || "session_not_found".equals(error.code()) ? notFound().body() : error.body();

    private ResponseErrors() {}

    static ApiError notFound() {
        return ApiError.notFound("response_id", "response_not_found", "No response with that id exists: it was "
                + "not stored, was deleted or expired, belongs to another tenant, or (for its event stream) its events "
                + "are past the resume window.");
    }

    static InvalidRequestException unknown() {
        return new Unknown();
    }

    /** No such stored response (for this tenant): a 404. */
    static final class Unknown extends InvalidRequestException {
        Unknown() {
            super(notFound());
        }
    }

    static InvalidRequestException previousNotFound(String id) {
        return InvalidRequestException.of("previous_response_id", "previous_response_not_found",
                "Previous response with id '" + abbreviate(id) + "' not found (only stored responses of your "
                        + "tenant can be continued).");
    }

    static InvalidRequestException previousInProgress(String id) {
        return InvalidRequestException.of("previous_response_id", "previous_response_in_progress",
                "Previous response with id '" + abbreviate(id) + "' is still in progress; continue it once it "
                        + "has completed.");
    }

    static InvalidRequestException notCancellable(String status) {
        return InvalidRequestException.of(null, "response_not_cancellable",
                "Cannot cancel a response that is already " + status + ".");
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
