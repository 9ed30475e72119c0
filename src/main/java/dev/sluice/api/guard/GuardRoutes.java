package dev.sluice.api.guard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the guard steps in front of the API routes: the WebSocket origin check, then
 * authentication, both ordered before any route the transports register; and the fallbacks that
 * keep unknown paths, wrong methods and failures on {@code /v1/*} in the API's error shape (the
 * authentication route's failure handler is the first to see any failure on those paths).
 */
@ApplicationScoped
public class GuardRoutes {

    /** Before every route registered without an explicit order (those start at 0). */
    static final int ORIGIN_ORDER = -200;
    static final int AUTH_ORDER = -100;

    private final AuthenticationStep authentication;
    private final WebSocketOriginCheck originCheck;

    GuardRoutes(AuthenticationStep authentication, WebSocketOriginCheck originCheck) {
        this.authentication = authentication;
        this.originCheck = originCheck;
    }

    void register(@Observes Router router) {
        router.route("/v1/ws").order(ORIGIN_ORDER).handler(originCheck::handle);
        router.route("/v1/*").order(AUTH_ORDER).handler(authentication::handle).failureHandler(ApiFallback::failure);
        // Last of all, what no API route answered. The authentication route matches every /v1 path
        // and method, so the router itself would say 404 where 405 is right: tell them apart by
        // the paths the API routes declare.
        router.route("/v1/*").order(Integer.MAX_VALUE).handler(ctx -> {
            if (ApiFallback.declaredPath(router, ctx.normalizedPath())) {
                ApiFallback.methodNotAllowed(ctx);
            } else {
                ApiFallback.notFound(ctx);
            }
        });
    }
}
