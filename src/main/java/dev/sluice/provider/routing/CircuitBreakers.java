package dev.sluice.provider.routing;

import dev.sluice.provider.ProvidersConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The circuit breaker of each provider, by provider name, created on first use. */
@ApplicationScoped
public class CircuitBreakers {

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final int failureThreshold;
    private final Duration coolDown;
    private final LongSupplier nanoClock;
    private final UpstreamMetrics metrics;

    @Inject
    CircuitBreakers(ProvidersConfig config, UpstreamMetrics metrics) {
        this(config.routing().circuit().failureThreshold(), config.routing().circuit().coolDown(), System::nanoTime,
                metrics);
    }

    public CircuitBreakers(int failureThreshold, Duration coolDown, LongSupplier nanoClock, UpstreamMetrics metrics) {
        this.failureThreshold = failureThreshold;
        this.coolDown = coolDown;
        this.nanoClock = nanoClock;
        this.metrics = metrics;
    }

    public CircuitBreaker of(String provider) {
        return breakers.computeIfAbsent(provider, name -> {
            CircuitBreaker breaker = new CircuitBreaker(failureThreshold, coolDown, nanoClock);
            metrics.circuit(name, breaker);
            return breaker;
        });
    }

    /** The state of a provider's circuit; closed when it was never used. */
    public CircuitState state(String provider) {
        CircuitBreaker breaker = breakers.get(provider);
        return breaker == null ? CircuitState.CLOSED : breaker.state();
    }
}
