package dev.sluice.security;

import dev.sluice.provider.GenerationRequest;
import dev.sluice.security.ratelimit.RateLimiter;
import dev.sluice.security.refusal.Refusal;
import dev.sluice.security.refusal.RefusedException;
import dev.sluice.stream.StreamOwner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Decides whether a caller may start a generation, before any provider is called: the model must
 * be one its key may use (others look unknown: 404), {@code max_tokens} stays under the key's
 * ceiling (and defaults to it), the key's masking profile applies when the request names none,
 * and the key's rate limits admit it. The result carries the owner
 * the stream is started with, which gives the rate-limit slot back when the stream ends.
 */
@ApplicationScoped
public class StreamAdmission {

    private final RateLimiter limiter;

    StreamAdmission(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /**
     * What an admitted request starts with, and the headers to answer with.
     *
     * @param maskingProfile the profile the request named, else the key's, else null (the configured default)
     */
    public record Admitted(GenerationRequest request, String maskingProfile, StreamOwner owner,
                           Map<String, String> headers) {}

    /**
     * Checks the request at once (those failures are thrown), then asks the rate limiter (its
     * failures arrive in the Uni: a 429 {@link dev.sluice.security.ratelimit.RateLimitedException},
     * or a 503 when the shared store is away).
     *
     * @throws RefusedException 404 for a model the key may not use, 400 past its
     *         {@code max_tokens} ceiling
     */
    public Uni<Admitted> admit(Principal principal, GenerationRequest request, String requestedMasking) {
        KeySettings settings = principal.settings();
        if (!settings.allowsModel(request.model())) {
            throw ModelRefusal.of(request.model());
        }
        if (settings.maxTokens() > 0) {
            if (request.maxTokens() != null && request.maxTokens() > settings.maxTokens()) {
                throw RefusedException.of(Refusal.Reason.INVALID_VALUE, "max_tokens", "invalid_value",
                        "'max_tokens' must be at most " + settings.maxTokens() + " for this API key.");
            }
            if (request.maxTokens() == null) {
                request = request.withMaxTokens(settings.maxTokens());
            }
        }
        String masking = requestedMasking != null ? requestedMasking : settings.masking();
        if (principal.anonymous()) {
            return Uni.createFrom().item(new Admitted(request, masking, StreamOwner.OPEN, Map.of()));
        }
        GenerationRequest admitted = request;
        return limiter.acquire(principal.keyId(), settings).map(permit -> new Admitted(admitted, masking,
                new StreamOwner(principal.tenant(), permit::release), permit.status().headers()));
    }
}
