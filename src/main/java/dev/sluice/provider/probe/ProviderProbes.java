package dev.sluice.provider.probe;

import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.ProbeEndpoint;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.ProvidersConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the probes of the providers that enabled one ({@code sluice.providers.<name>.probe.enabled})
 * from start to shutdown and keeps their last results for readiness.
 */
@ApplicationScoped
public class ProviderProbes {

    private final Map<String, UpstreamProbe> probes = new LinkedHashMap<>();

    ProviderProbes(Vertx vertx, ProviderRegistry registry, ProvidersConfig config) {
        config.providers().forEach((name, settings) -> {
            if (!settings.enabled() || !settings.probe().enabled()) {
                return;
            }
            String prefix = "sluice.providers." + name + ".probe.";
            if (settings.probe().interval().isNegative() || settings.probe().interval().isZero()) {
                throw new IllegalStateException(prefix + "interval: must be positive");
            }
            ModelProvider provider = registry.providers().get(name);
            Optional<ProbeEndpoint> endpoint = provider == null ? Optional.empty() : provider.probeEndpoint();
            if (endpoint.isEmpty()) {
                throw new IllegalStateException(prefix + "enabled: a provider of type '" + settings.type()
                        + "' has no upstream to probe");
            }
            probes.put(name, new UpstreamProbe(vertx, name, endpoint.get(), settings.probe().interval(),
                    settings.timeouts().connect()));
        });
    }

    void onStart(@Observes StartupEvent event) {
        probes.values().forEach(UpstreamProbe::start);
    }

    void onStop(@Observes ShutdownEvent event) {
        probes.values().forEach(UpstreamProbe::stop);
    }

    /** The last result of every probing provider, by provider name; providers without a probe are absent. */
    public Map<String, ProbeResult> results() {
        Map<String, ProbeResult> results = new LinkedHashMap<>();
        probes.forEach((name, probe) -> results.put(name, probe.last()));
        return Collections.unmodifiableMap(results);
    }
}
