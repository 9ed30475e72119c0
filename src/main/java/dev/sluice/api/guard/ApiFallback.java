package dev.sluice.api.guard;

import dev.sluice.api.http.ApiError;
import dev.sluice.api.http.HttpReplies;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers what no API route handles, on {@code /v1/*} only, in the API's error shape instead of
 * the framework's HTML or plain-text pages: unknown paths, wrong methods and unexpected failures.
 */
final class ApiFallback {

    private ApiFallback() {}

    /** Whether an API route with explicit methods declares this path ({@code :param} segments match any segment). */
    static boolean declaredPath(io.vertx.ext.web.Router router, String path) {
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            String template = route.getPath();
            if (template == null || template.endsWith("*") || route.methods() == null || route.methods().isEmpty()
                    || !template.startsWith("/v1/")) {
                continue;
            }
            String[] want = template.split("/");
            String[] have = path.split("/");
            if (want.length != have.length) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < want.length && same; i++) {
                same = want[i].startsWith(":") ? !have[i].isEmpty() : want[i].equals(have[i]);
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    static void notFound(RoutingContext ctx) {
        HttpReplies.error(ctx.response(), new ApiError(404, "invalid_request_error", "unknown_url", null,
                "Unrecognized request URL (" + ctx.request().method().name() + " " + shorten(ctx.normalizedPath())
                        + "). See the README for the API's paths."), HttpReplies.shapeOf(ctx));
    }

    static void methodNotAllowed(RoutingContext ctx) {
        HttpReplies.error(ctx.response(), new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                "Method " + ctx.request().method().name() + " is not allowed on " + shorten(ctx.normalizedPath())
                        + "."), HttpReplies.shapeOf(ctx));
    }

    /** Any failure that reached the router's end: status kept when it is a client error, no detail. */
    static void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (ctx.failure() != null || status < 400 || status >= 500) {
            HttpReplies.error(ctx.response(), ctx.failure() != null ? ctx.failure()
                    : new IllegalStateException("route failure"), HttpReplies.shapeOf(ctx));
            return;
        }
        HttpReplies.routeFailure(ctx);
    }

    /** Paths are client input: echo a bounded, printable prefix only. */
    private static String shorten(String path) {
        String safe = path == null ? "" : path.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 80 ? safe : safe.substring(0, 80) + "…";
    }
}
