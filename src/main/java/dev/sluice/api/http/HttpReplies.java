package dev.sluice.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.security.refusal.RefusedException;
import dev.sluice.stream.ShuttingDownException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON bodies and API errors on Vert.x responses, once, whatever state they are in. */
public final class HttpReplies {

    private HttpReplies() {}

    public static void json(HttpServerResponse response, int status, JsonNode body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.toString());
    }

    public static void error(HttpServerResponse response, ApiError error) {
        error(response, error, ErrorShape.OPENAI);
    }

    /** The error in an API's own shape; a response already under way is only ended. */
    public static void error(HttpServerResponse response, ApiError error, ErrorShape shape) {
        if (response.headWritten()) {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
            return;
        }
        json(response, error.status(), shape.body(error));
    }

    public static void error(HttpServerResponse response, Throwable failure) {
        error(response, failure, ErrorShape.OPENAI);
    }

    /** Any failure as the error a client gets (see {@link ErrorMapper}), with its headers, in {@code shape}. */
    public static void error(HttpServerResponse response, Throwable failure, ErrorShape shape) {
        if (failure instanceof InvalidRequestException e && !response.headWritten()) {
            e.headers().forEach(response::putHeader);
        }
        if (failure instanceof RefusedException e && !response.headWritten()) {
            e.headers().forEach(response::putHeader);
        }
        if (failure instanceof ShuttingDownException && !response.headWritten()) {
            // Retryable, and on a fresh connection: the next one should reach a replica that stays.
            response.putHeader("Retry-After", Long.toString(ShuttingDownException.RETRY_AFTER_SECONDS))
                    .putHeader("Connection", "close");
        }
        if (failure instanceof dev.sluice.store.StoreUnavailableException && !response.headWritten()) {
            response.putHeader("Retry-After", "1");
        }
        error(response, ErrorMapper.toApiError(failure), shape);
    }

    /** The failure handler for API routes: body-size and other router failures in the API's error shape. */
    public static void routeFailure(RoutingContext ctx) {
        int status = ctx.statusCode();
        ErrorShape shape = shapeOf(ctx);
        if (ctx.failure() != null) {
            error(ctx.response(), ctx.failure(), shape);
        } else if (status == 413) {
            error(ctx.response(), new ApiError(413, "invalid_request_error", "request_too_large", null,
                    "The request body is larger than this gateway accepts; send a smaller request."), shape);
        } else {
            error(ctx.response(), new ApiError(status > 0 ? status : 400, "invalid_request_error", "bad_request",
                    null, "The request could not be read."), shape);
        }
    }

    /** Rejects bodies that are declared as something other than JSON. */
    public static boolean requireJson(RoutingContext ctx) {
        return requireJson(ctx, ErrorShape.OPENAI);
    }

    public static boolean requireJson(RoutingContext ctx, ErrorShape shape) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || type.toLowerCase().contains("json")) {
            return true;
        }
        error(ctx.response(), new ApiError(415, "invalid_request_error", "unsupported_media_type", null,
                "Send the request body as JSON with 'Content-Type: application/json'."), shape);
        return false;
    }

    private static final String SHAPE_KEY = "sluice.errorShape";

    /**
     * Answers every error of this request in {@code shape}, also those sent before its route runs
     * (authentication, body type and size, unknown paths and methods): an API that speaks another
     * error shape marks its paths with this in a route ordered before authentication.
     */
    public static void useShape(RoutingContext ctx, ErrorShape shape) {
        ctx.put(SHAPE_KEY, shape);
    }

    /** The error shape of this request's API; OpenAI's unless its route chose another. */
    public static ErrorShape shapeOf(RoutingContext ctx) {
        ErrorShape shape = ctx.get(SHAPE_KEY);
        return shape == null ? ErrorShape.OPENAI : shape;
    }
}
