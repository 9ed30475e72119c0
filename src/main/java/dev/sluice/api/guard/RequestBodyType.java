package dev.sluice.api.guard;

import dev.sluice.api.http.ApiError;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Refuses, before a body handler reads them, request bodies declared as anything but JSON
 * (Vert.x's body handler decodes form and multipart bodies itself, and malformed ones made it
 * fail with a 500; the API only takes JSON, so they are a 415) and bodies whose declared length is
 * past {@code sluice.limits.max-body-bytes} (413).
 */
final class RequestBodyType {

    private RequestBodyType() {}

    static boolean acceptable(RoutingContext ctx, long maxBodyBytes) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return true;
        }
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.isEmpty() && !media.equals("application/json") && !media.endsWith("+json")) {
            EarlyReply.send(ctx, new ApiError(415, "invalid_request_error", "unsupported_media_type", null,
                    "Send the request body as JSON with 'Content-Type: application/json'."), maxBodyBytes);
            return false;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && declaredLength(length) > maxBodyBytes) {
            EarlyReply.send(ctx, new ApiError(413, "invalid_request_error", "request_too_large", null,
                    "The request body is larger than this gateway accepts; send a smaller request."), maxBodyBytes);
            return false;
        }
        return true;
    }

    private static long declaredLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
