package dev.sluice.api.anthropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.http.ApiError;
import dev.sluice.api.http.ErrorMapper;
import dev.sluice.api.http.ErrorShape;
import dev.sluice.model.ErrorCode;

/**
 * Anthropic's error shape, {@code {"type": "error", "error": {"type", "message", "details"}}}, for
 * HTTP errors and for the streamed {@code error} event. Statuses and messages are Sluice's own
 * ({@link ErrorMapper}); the {@code error.type} is the one Anthropic sends with that status, so an
 * Anthropic SDK raises the error class it would raise against Anthropic. Sluice's exact code
 * ({@code model_not_found}, {@code missing_required_parameter}, …) goes in
 * {@code details.error_code}, where the SDK reads error codes ({@code APIError.errorCode}).
 */
final class AnthropicErrors {

    static final ErrorShape SHAPE = AnthropicErrors::body;

    private AnthropicErrors() {}

    static ObjectNode body(ApiError error) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "error");
        ObjectNode inner = root.putObject("error");
        inner.put("type", type(error.status()));
        inner.put("message", error.message());
        ObjectNode details = inner.putObject("details");
        details.put("error_code", error.code());
        if (error.param() != null) {
            details.put("param", error.param());
        }
        return root;
    }

    /** The body of the {@code error} event that ends a stream which failed after its headers. */
    static ObjectNode streamError(ErrorCode code, String message) {
        return body(ErrorMapper.fromStreamError(code, message));
    }

    /** Anthropic's error type for an HTTP status (docs.anthropic.com, "Errors"). */
    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
