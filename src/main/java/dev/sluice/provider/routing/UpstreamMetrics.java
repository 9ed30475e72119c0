package dev.sluice.provider.routing;

import dev.sluice.ops.meters.LatencyBuckets;
import dev.sluice.ops.meters.MeterCache;
import dev.sluice.model.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Upstream meters, labelled only by provider name, configured upstream model and error kind
 * (all bounded by configuration; never a stream, session or user id).
 */
@ApplicationScoped
public class UpstreamMetrics {

    private final MeterRegistry registry;
    /** By provider, model: recorded once per stream. Errors, retries and fallbacks are rare and register as they come. */
    private final MeterCache<Timer> firstToken;

    public UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.firstToken = new MeterCache<>(labels ->
                Timer.builder("sluice.upstream.ttft").description("Upstream time to first delta, per attempt")
                        .tag("provider", labels.get(0)).tag("model", labels.get(1))
                        .serviceLevelObjectives(LatencyBuckets.FIRST_TOKEN)
                        .register(registry));
    }

    public void firstToken(String provider, String model, Duration elapsed) {
        firstToken.get(provider, model).record(elapsed);
    }

    public void error(String provider, String model, ErrorCode kind) {
        Counter.builder("sluice.upstream.errors").description("Upstream failures by kind")
                .tag("provider", provider).tag("model", model).tag("kind", kind.wire())
                .register(registry).increment();
    }

    public void retry(String provider, String model) {
        Counter.builder("sluice.upstream.retries").description("Retries of an upstream before its first delta")
                .tag("provider", provider).tag("model", model)
                .register(registry).increment();
    }

    public void fallback(String provider, String model) {
        Counter.builder("sluice.upstream.fallbacks").description("Routes that left this target for the next")
                .tag("provider", provider).tag("model", model)
                .register(registry).increment();
    }

    public void circuit(String provider, CircuitBreaker breaker) {
        Gauge.builder("sluice.upstream.circuit", breaker, b -> b.state().level())
                .description("Circuit state: 0 closed, 1 half-open, 2 open")
                .tag("provider", provider)
                .strongReference(true)
                .register(registry);
    }
}
