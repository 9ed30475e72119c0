package dev.sluice.provider.routing;

import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.ProvidersConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Lists each configured provider in {@code /q/health/ready}: its type, that its configuration
 * was valid (the registry refuses to start otherwise) and its circuit state. An open circuit
 * does not make the replica unready: every replica shares the upstream, so taking them out of
 * service would turn an upstream outage into a total one; fallbacks handle it instead.
 */
@Readiness
@ApplicationScoped
public class ProvidersHealthCheck implements HealthCheck {

    private final ProviderRegistry registry;
    private final ProvidersConfig config;
    private final CircuitBreakers breakers;

    ProvidersHealthCheck(ProviderRegistry registry, ProvidersConfig config, CircuitBreakers breakers) {
        this.registry = registry;
        this.config = config;
        this.breakers = breakers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sluice-providers").up();
        registry.providers().forEach((name, provider) -> {
            ProvidersConfig.Provider settings = config.providers().get(name);
            String type = settings == null ? "unknown" : settings.type();
            response.withData(name, "type=" + type + ", configuration=valid, circuit="
                    + breakers.state(name).name().toLowerCase(java.util.Locale.ROOT));
        });
        response.withData("models", registry.routes().size());
        return response.build();
    }
}
