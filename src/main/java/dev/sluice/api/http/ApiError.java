package dev.sluice.api.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error in OpenAI's shape, used by every Sluice API so one client-side handler fits all:
 * {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * @param status HTTP status the error is sent with
 */
public record ApiError(int status, String type, String code, String param, String message) {

    public static ApiError invalid(String param, String code, String message) {
        return new ApiError(400, "invalid_request_error", code, param, message);
    }

    public static ApiError notFound(String param, String code, String message) {
        return new ApiError(404, "invalid_request_error", code, param, message);
    }

    /** The {@code {"error": {...}}} body. */
    public ObjectNode body() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("error", inner());
        return root;
    }

    /** The inner {@code {"message", "type", "param", "code"}} object. */
    public ObjectNode inner() {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return error;
    }
}
