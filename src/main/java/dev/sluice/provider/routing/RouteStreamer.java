package dev.sluice.provider.routing;

import dev.sluice.model.Delta;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ProviderException;
import dev.sluice.provider.ProvidersConfig;
import dev.sluice.provider.Route;
import dev.sluice.provider.http.UpstreamErrors;
import dev.sluice.model.ErrorCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams a route (DESIGN §4): the first target whose circuit is not open is tried; before its
 * first delta, connect errors, 5xx and 429 are retried with backoff, then any failure falls back
 * to the next target. Once a delta was emitted the stream belongs to that target: a later failure
 * is passed through as is (retryable for the client) and never followed by another provider's
 * text. Cancelling the returned {@code Multi} cancels the attempt in flight, closing its connection.
 */
@ApplicationScoped
public class RouteStreamer {

    private final RetryPolicy retry;
    private final CircuitBreakers breakers;
    private final UpstreamMetrics metrics;

    @Inject
    RouteStreamer(ProvidersConfig config, CircuitBreakers breakers, UpstreamMetrics metrics) {
        this(RetryPolicy.of(config.routing()), breakers, metrics);
    }

    public RouteStreamer(RetryPolicy retry, CircuitBreakers breakers, UpstreamMetrics metrics) {
        this.retry = retry;
        this.breakers = breakers;
        this.metrics = metrics;
    }

    /** The deltas of {@code request} (whose model is the alias) served by the route's targets. */
    public Multi<Delta> stream(Route route, GenerationRequest request) {
        return Multi.createFrom().deferred(() -> target(route, request, 0, null));
    }

    private Multi<Delta> target(Route route, GenerationRequest request, int index, ProviderException previous) {
        if (index >= route.targets().size()) {
            return Multi.createFrom().failure(previous);
        }
        Route.Target target = route.targets().get(index);
        CircuitBreaker breaker = breakers.of(target.provider().name());
        if (!breaker.tryAcquire()) {
            ProviderException open = previous != null ? previous : new ProviderException(ErrorCode.UPSTREAM_ERROR,
                    "provider '" + target.provider().name() + "' is unavailable (circuit open after repeated failures)");
            return target(route, request, index + 1, open);
        }
        return attempt(route, request, index, 1, breaker);
    }

    private Multi<Delta> attempt(Route route, GenerationRequest request, int index, int attempt,
                                 CircuitBreaker breaker) {
        Route.Target target = route.targets().get(index);
        String provider = target.provider().name();
        String model = target.metricsModel(); // the meters' label; the upstream gets target.upstreamModel()
        AtomicBoolean delivered = new AtomicBoolean();
        long start = System.nanoTime();
        return Multi.createFrom().deferred(() -> target.provider().stream(request.withModel(target.upstreamModel())))
                .onItem().invoke(() -> {
                    // a plain read first: no CAS per token once the first one passed
                    if (!delivered.get() && delivered.compareAndSet(false, true)) {
                        breaker.onSuccess();
                        metrics.firstToken(provider, model, Duration.ofNanos(System.nanoTime() - start));
                    }
                })
                .onCompletion().invoke(() -> {
                    if (!delivered.get()) {
                        breaker.onSuccess();
                    }
                })
                .onFailure().recoverWithMulti(failure -> {
                    ProviderException error = UpstreamErrors.forFailure(provider, failure);
                    metrics.error(provider, model, error.code());
                    if (!error.injected()) {
                        // A failure a request asked for says nothing about the provider: one client's
                        // fault injection must not open the circuit for everyone.
                        breaker.onFailure();
                    }
                    if (delivered.get()) {
                        return Multi.createFrom().failure(error);
                    }
                    Duration backoff = retry.backoff(attempt, error);
                    if (backoff != null && breaker.tryAcquire()) {
                        metrics.retry(provider, model);
                        return Uni.createFrom().voidItem().onItem().delayIt().by(backoff)
                                .onItem().transformToMulti(ignored -> attempt(route, request, index, attempt + 1, breaker));
                    }
                    if (index + 1 < route.targets().size()) {
                        metrics.fallback(provider, model);
                    }
                    return target(route, request, index + 1, error);
                });
    }
}
