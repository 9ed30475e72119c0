package dev.sluice.provider.routing;

import dev.sluice.provider.EmbeddingRequest;
import dev.sluice.provider.Embeddings;
import dev.sluice.provider.EmbeddingsUnsupportedException;
import dev.sluice.provider.ProviderException;
import dev.sluice.provider.ProvidersConfig;
import dev.sluice.provider.Route;
import dev.sluice.provider.http.UpstreamErrors;
import dev.sluice.model.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Calls a route's embeddings as {@link RouteStreamer} streams it: targets whose circuit is open
 * are skipped, connect errors, 5xx and 429 are retried with backoff, then the next target is
 * tried. A route whose primary provider has no embeddings endpoint fails at once with
 * {@link EmbeddingsUnsupportedException} (a 400 for the client); a fallback without one is skipped.
 */
@ApplicationScoped
public class EmbeddingRouter {

    private final RetryPolicy retry;
    private final CircuitBreakers breakers;
    private final UpstreamMetrics metrics;

    @Inject
    EmbeddingRouter(ProvidersConfig config, CircuitBreakers breakers, UpstreamMetrics metrics) {
        this(RetryPolicy.of(config.routing()), breakers, metrics);
    }

    public EmbeddingRouter(RetryPolicy retry, CircuitBreakers breakers, UpstreamMetrics metrics) {
        this.retry = retry;
        this.breakers = breakers;
        this.metrics = metrics;
    }

    /** The embeddings of {@code request} (whose model is the client's name) from the route's targets. */
    public Uni<Embeddings> embed(Route route, EmbeddingRequest request) {
        return Uni.createFrom().deferred(() -> target(route, request, 0, null));
    }

    private Uni<Embeddings> target(Route route, EmbeddingRequest request, int index, ProviderException previous) {
        if (index >= route.targets().size()) {
            return Uni.createFrom().failure(previous);
        }
        Route.Target target = route.targets().get(index);
        CircuitBreaker breaker = breakers.of(target.provider().name());
        if (!breaker.tryAcquire()) {
            ProviderException open = previous != null ? previous : new ProviderException(ErrorCode.UPSTREAM_ERROR,
                    "provider '" + target.provider().name() + "' is unavailable (circuit open after repeated failures)");
            return target(route, request, index + 1, open);
        }
        return attempt(route, request, index, 1, breaker, previous);
    }

    private Uni<Embeddings> attempt(Route route, EmbeddingRequest request, int index, int attempt,
                                    CircuitBreaker breaker, ProviderException previous) {
        Route.Target target = route.targets().get(index);
        String provider = target.provider().name();
        String model = target.metricsModel();
        return Uni.createFrom().deferred(() -> target.provider().embed(request.withModel(target.upstreamModel())))
                .onItem().invoke(breaker::onSuccess)
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof EmbeddingsUnsupportedException) {
                        // nothing was sent upstream: the circuit learns nothing
                        return index == 0
                                ? Uni.createFrom().failure(new EmbeddingsUnsupportedException(route.alias(), provider))
                                : target(route, request, index + 1, previous);
                    }
                    if (failure instanceof IllegalArgumentException refused) {
                        return Uni.createFrom().failure(refused); // a request the provider refuses: the client's 400
                    }
                    ProviderException error = UpstreamErrors.forFailure(provider, failure);
                    metrics.error(provider, model, error.code());
                    breaker.onFailure();
                    Duration backoff = retry.backoff(attempt, error);
                    if (backoff != null && breaker.tryAcquire()) {
                        metrics.retry(provider, model);
                        return Uni.createFrom().voidItem().onItem().delayIt().by(backoff)
                                .onItem().transformToUni(ignored ->
                                        attempt(route, request, index, attempt + 1, breaker, previous));
                    }
                    if (index + 1 < route.targets().size()) {
                        metrics.fallback(provider, model);
                    }
                    return target(route, request, index + 1, error);
                });
    }
}
