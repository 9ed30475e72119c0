package dev.sluice.security;

import dev.sluice.security.ratelimit.RateLimiter;
import dev.sluice.security.refusal.RefusedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Admission of a call that is not a stream ({@code /v1/embeddings}), with the rules of
 * {@link StreamAdmission}: the model must be one the key may use (others look unknown: 404) and
 * the key's rate limits admit it; the call holds a concurrency slot until it is released. It
 * generates no tokens, so it counts against requests and concurrency, not tokens per minute.
 */
@ApplicationScoped
public class CallAdmission {

    private final RateLimiter limiter;

    CallAdmission(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /**
     * An admitted call: the headers to answer with, and how to give its slot back (idempotent).
     */
    public record Admitted(Map<String, String> headers, Runnable release) {}

    /**
     * @throws RefusedException 404 for a model the key may not use (at once, not in the Uni)
     */
    public Uni<Admitted> admit(Principal principal, String model) {
        KeySettings settings = principal.settings();
        if (!settings.allowsModel(model)) {
            throw ModelRefusal.of(model);
        }
        if (principal.anonymous()) {
            return Uni.createFrom().item(new Admitted(Map.of(), () -> { }));
        }
        return limiter.acquire(principal.keyId(), settings)
                .map(permit -> new Admitted(permit.status().headers(), () -> permit.release(0)));
    }
}
