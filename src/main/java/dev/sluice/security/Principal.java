package dev.sluice.security;

import io.vertx.ext.web.RoutingContext;

/**
 * The caller of a request, as the authentication handler established it.
 *
 * @param keyId null in open mode
 */
public record Principal(String tenant, String keyId, KeySettings settings) {

    /** The one caller in open mode: every stream belongs to it. */
    public static final Principal ANONYMOUS = new Principal("", null, KeySettings.UNLIMITED);

    private static final String CONTEXT_KEY = "sluice.principal";

    /** The principal of a request; anonymous when the request did not pass authentication (open mode). */
    public static Principal of(RoutingContext ctx) {
        Principal principal = ctx.get(CONTEXT_KEY);
        return principal == null ? ANONYMOUS : principal;
    }

    /** Makes this the principal of the request; the authentication step does, before any API route runs. */
    public void attachTo(RoutingContext ctx) {
        ctx.put(CONTEXT_KEY, this);
    }

    public boolean anonymous() {
        return keyId == null;
    }
}
