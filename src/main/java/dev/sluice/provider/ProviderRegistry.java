package dev.sluice.provider;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the configured providers once at start (failing with the offending key named) and
 * resolves the model names clients send to routes, in this order (docs/providers.md "Model names"):
 * <ol>
 *   <li>a configured alias ({@code sluice.models.<alias>} or {@code sluice.model-aliases[i]}), with its fallbacks;</li>
 *   <li>{@code <provider>/<model>} where that provider's {@code models} patterns accept {@code <model>}:
 *       {@code <model>} is sent upstream unchanged;</li>
 *   <li>a bare name that providers' patterns accept: the most specific pattern wins, a tie is an
 *       {@link AmbiguousModelException}; the name is sent upstream unchanged.</li>
 * </ol>
 * Names routed by patterns have no fallbacks; retries and circuit breakers apply as for aliases.
 */
@Startup
@ApplicationScoped
public class ProviderRegistry {

    private final Map<String, ModelProvider> providers = new LinkedHashMap<>();
    private final Map<String, Route> routes = new TreeMap<>();
    /** By provider name, sorted; only the providers that accept names by pattern. */
    private final Map<String, ModelPatterns> patterns = new TreeMap<>();

    ProviderRegistry(ProvidersConfig config, Instance<ProviderFactory> factories) {
        Map<String, ProviderFactory> byType = new LinkedHashMap<>();
        for (ProviderFactory f : factories) {
            byType.put(f.type(), f);
        }
        Set<String> disabled = new HashSet<>();
        config.providers().forEach((name, settings) -> {
            if (!settings.enabled()) {
                disabled.add(name);
                return;
            }
            ProviderFactory factory = byType.get(settings.type());
            if (factory == null) {
                throw new IllegalStateException("sluice.providers." + name + ".type: unknown provider type '"
                        + settings.type() + "'; known types: " + byType.keySet());
            }
            providers.put(name, factory.create(name, settings));
            settings.models().filter(list -> !list.isEmpty()).ifPresent(list ->
                    patterns.put(name, ModelPatterns.of("sluice.providers." + name + ".models", list)));
        });
        Map<String, ProvidersConfig.Model> aliases = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        Set<String> dropped = new HashSet<>(); // aliases of disabled providers
        config.models().forEach((alias, model) -> {
            if (disabled.contains(model.provider())) {
                dropped.add(alias);
                return;
            }
            aliases.put(alias, model);
            keys.put(alias, "sluice.models." + alias);
        });
        List<ProvidersConfig.NamedModel> listed = config.modelAliases().orElse(List.of());
        for (int i = 0; i < listed.size(); i++) {
            String key = "sluice.model-aliases[" + i + "]";
            String name = listed.get(i).name();
            if (name.isEmpty()) {
                throw new IllegalStateException(key + ".name: must not be empty");
            }
            if (aliases.containsKey(name)) {
                throw new IllegalStateException(key + ".name: the alias '" + name + "' is configured twice (also as "
                        + keys.get(name) + ")");
            }
            if (disabled.contains(listed.get(i).provider())) {
                dropped.add(name);
                continue;
            }
            aliases.put(name, listed.get(i));
            keys.put(name, key);
        }
        aliases.forEach((alias, model) -> routes.put(alias, resolve(aliases, keys, alias, model)));
        aliases.forEach((alias, model) -> model.fallbacks().orElse(List.of()).forEach(fb -> {
            if (!routes.containsKey(fb) && !dropped.contains(fb)) {
                throw new IllegalStateException(keys.get(alias) + ".fallbacks: unknown model alias '" + fb + "'");
            }
        }));
    }

    private Route resolve(Map<String, ProvidersConfig.Model> aliases, Map<String, String> keys, String alias,
                          ProvidersConfig.Model model) {
        List<Route.Target> targets = new ArrayList<>();
        targets.add(target(keys.get(alias), alias, model));
        for (String fb : model.fallbacks().orElse(List.of())) {
            ProvidersConfig.Model other = aliases.get(fb);
            if (other != null && !fb.equals(alias)) {
                targets.add(target(keys.get(fb), fb, other));
            }
        }
        return new Route(alias, List.copyOf(targets));
    }

    private Route.Target target(String key, String alias, ProvidersConfig.Model model) {
        ModelProvider provider = providers.get(model.provider());
        if (provider == null) {
            throw new IllegalStateException(key + ".provider: unknown provider '"
                    + model.provider() + "'; configured providers: " + providers.keySet());
        }
        return new Route.Target(provider, model.upstreamModel().orElse(alias));
    }

    /**
     * @throws UnknownModelException when no alias and no provider's patterns accept the name
     * @throws AmbiguousModelException when a bare name is accepted equally well by several providers
     */
    public Route route(String model) {
        if (model == null) {
            throw new UnknownModelException(null);
        }
        Route alias = routes.get(model);
        if (alias != null) {
            return alias;
        }
        int slash = model.indexOf('/');
        if (slash > 0 && slash < model.length() - 1) {
            String provider = model.substring(0, slash);
            String upstream = model.substring(slash + 1);
            ModelPatterns accepted = patterns.get(provider);
            String pattern = accepted == null ? null : accepted.match(upstream);
            if (pattern != null) {
                return direct(model, provider, upstream, pattern);
            }
        }
        List<String> best = new ArrayList<>();
        String bestPattern = null;
        int bestScore = -1;
        for (Map.Entry<String, ModelPatterns> entry : patterns.entrySet()) {
            String pattern = entry.getValue().match(model);
            if (pattern == null) {
                continue;
            }
            int score = ModelPatterns.specificity(pattern);
            if (score > bestScore) {
                best.clear();
                bestScore = score;
                bestPattern = pattern;
            }
            if (score == bestScore) {
                best.add(entry.getKey());
            }
        }
        if (best.isEmpty()) {
            throw new UnknownModelException(model);
        }
        if (best.size() > 1) {
            throw new AmbiguousModelException(model, best);
        }
        return direct(model, best.get(0), model, bestPattern);
    }

    private Route direct(String model, String provider, String upstream, String pattern) {
        String label = provider + "/" + pattern;
        return new Route(model, List.of(new Route.Target(providers.get(provider), upstream, label)), label);
    }

    /** The aliases clients may use, sorted. */
    public Map<String, Route> routes() {
        return Collections.unmodifiableMap(routes);
    }

    /** The model-name patterns of the providers that accept names without an alias, by provider name, sorted. */
    public Map<String, ModelPatterns> patterns() {
        return Collections.unmodifiableMap(patterns);
    }

    public Map<String, ModelProvider> providers() {
        return Collections.unmodifiableMap(providers);
    }
}
