package dev.sluice.provider;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the configured providers once at start (failing with the offending key named) and
 * resolves model aliases to routes.
 */
@Startup
@ApplicationScoped
public class ProviderRegistry {

    private final Map<String, ModelProvider> providers = new LinkedHashMap<>();
    private final Map<String, Route> routes = new TreeMap<>();

    ProviderRegistry(ProvidersConfig config, Instance<ProviderFactory> factories) {
        Map<String, ProviderFactory> byType = new LinkedHashMap<>();
        for (ProviderFactory f : factories) {
            byType.put(f.type(), f);
        }
        config.providers().forEach((name, settings) -> {
            ProviderFactory factory = byType.get(settings.type());
            if (factory == null) {
                throw new IllegalStateException("sluice.providers." + name + ".type: unknown provider type '"
                        + settings.type() + "'; known types: " + byType.keySet());
            }
            providers.put(name, factory.create(name, settings));
        });
        config.models().forEach((alias, model) -> routes.put(alias, resolve(config, alias, model)));
        config.models().forEach((alias, model) -> model.fallbacks().orElse(List.of()).forEach(fb -> {
            if (!routes.containsKey(fb)) {
                throw new IllegalStateException("sluice.models." + alias + ".fallbacks: unknown model alias '" + fb + "'");
            }
        }));
    }

    private Route resolve(ProvidersConfig config, String alias, ProvidersConfig.Model model) {
        List<Route.Target> targets = new ArrayList<>();
        targets.add(target(alias, model));
        for (String fb : model.fallbacks().orElse(List.of())) {
            ProvidersConfig.Model other = config.models().get(fb);
            if (other != null && !fb.equals(alias)) {
                targets.add(target(fb, other));
            }
        }
        return new Route(alias, List.copyOf(targets));
    }

    private Route.Target target(String alias, ProvidersConfig.Model model) {
        ModelProvider provider = providers.get(model.provider());
        if (provider == null) {
            throw new IllegalStateException("sluice.models." + alias + ".provider: unknown provider '"
                    + model.provider() + "'; configured providers: " + providers.keySet());
        }
        return new Route.Target(provider, model.upstreamModel().orElse(alias));
    }

    /** @throws UnknownModelException when the alias is not configured */
    public Route route(String alias) {
        Route route = alias == null ? null : routes.get(alias);
        if (route == null) {
            throw new UnknownModelException(alias);
        }
        return route;
    }

    /** The aliases clients may use, sorted. */
    public Map<String, Route> routes() {
        return Collections.unmodifiableMap(routes);
    }

    public Map<String, ModelProvider> providers() {
        return Collections.unmodifiableMap(providers);
    }
}
