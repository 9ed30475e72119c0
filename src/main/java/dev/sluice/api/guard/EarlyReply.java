package dev.sluice.api.guard;

import dev.sluice.api.http.ApiError;
import dev.sluice.api.http.HttpReplies;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request that is refused before its body was read (no key, wrong type, too large).
 * The unread body is drained first: closing a connection with unread bytes makes TCP reset it,
 * and the client then loses the error it was sent. Bodies far past the limit are not worth
 * draining; those get the error with {@code Connection: close}.
 */
final class EarlyReply {

    /** How much unread body is drained, as a multiple of the body limit. */
    private static final long DRAIN_FACTOR = 16;

    private EarlyReply() {}

    static void send(RoutingContext ctx, ApiError error, long maxBodyBytes) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            HttpReplies.error(ctx.response(), error, HttpReplies.shapeOf(ctx));
            return;
        }
        String length = request.getHeader("Content-Length");
        long declared = parse(length);
        if (declared > maxBodyBytes * DRAIN_FACTOR) {
            ctx.response().putHeader("Connection", "close");
            HttpReplies.error(ctx.response(), error, HttpReplies.shapeOf(ctx));
            return;
        }
        long[] drained = {0};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > maxBodyBytes * DRAIN_FACTOR && !ctx.response().ended()) {
                ctx.response().putHeader("Connection", "close");
                HttpReplies.error(ctx.response(), error, HttpReplies.shapeOf(ctx));
            }
        });
        request.exceptionHandler(failure -> { });
        request.endHandler(v -> HttpReplies.error(ctx.response(), error, HttpReplies.shapeOf(ctx)));
        request.resume();
    }

    private static long parse(String length) {
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
