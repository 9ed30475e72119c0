package dev.sluice.api.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one API writes an error body. Status codes and the decision what went wrong are shared
 * ({@link ErrorMapper}); only the JSON differs: OpenAI's {@code {"error": {message, type, param,
 * code}}} for Sluice's own and the OpenAI-compatible APIs, Anthropic's {@code {"type": "error",
 * "error": {type, message}}} for the Messages API.
 */
@FunctionalInterface
public interface ErrorShape {

    /** OpenAI's error object, which every Sluice API answers with unless it speaks another API. */
    ErrorShape OPENAI = ApiError::body;

    JsonNode body(ApiError error);
}
