package dev.sluice.provider.routing;

import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.ProvidersConfig;
import dev.sluice.provider.probe.ProbeResult;
import dev.sluice.provider.probe.ProviderProbes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Lists each configured provider in {@code /q/health/ready}: its type, that its configuration
 * was valid (the registry refuses to start otherwise), its circuit state and, when probing is
 * on, its last probe result. An open circuit or one failing probe does not make the replica
 * unready: every replica shares the upstream, so taking them out of service would turn one
 * upstream's outage into a total one; fallbacks handle it instead. Only when every probing
 * provider fails is the check DOWN: then this replica (or its network) can reach none of the
 * upstreams it was told to watch. A probe that has not finished yet does not count as failing.
 */
@Readiness
@ApplicationScoped
public class ProvidersHealthCheck implements HealthCheck {

    private final ProviderRegistry registry;
    private final ProvidersConfig config;
    private final CircuitBreakers breakers;
    private final ProviderProbes probes;

    ProvidersHealthCheck(ProviderRegistry registry, ProvidersConfig config, CircuitBreakers breakers,
                         ProviderProbes probes) {
        this.registry = registry;
        this.config = config;
        this.breakers = breakers;
        this.probes = probes;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, ProbeResult> results = probes.results();
        boolean allProbesFailing = !results.isEmpty() && results.values().stream().allMatch(ProbeResult::failing);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sluice-providers").status(!allProbesFailing);
        registry.providers().forEach((name, provider) -> {
            ProvidersConfig.Provider settings = config.providers().get(name);
            String type = settings == null ? "unknown" : settings.type();
            ProbeResult probe = results.get(name);
            response.withData(name, "type=" + type + ", configuration=valid, circuit="
                    + breakers.state(name).name().toLowerCase(Locale.ROOT)
                    + (probe == null ? "" : ", probe=" + probe));
        });
        response.withData("models", registry.routes().size());
        return response.build();
    }
}
