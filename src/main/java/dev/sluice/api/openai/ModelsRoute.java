package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.http.HttpReplies;
import dev.sluice.provider.ModelPatterns;
import dev.sluice.provider.ProviderRegistry;
import dev.sluice.provider.Route;
import dev.sluice.security.KeySettings;
import dev.sluice.security.Principal;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * OpenAI-compatible {@code GET /v1/models}: what the caller's key can route. {@code data} holds
 * names a client can send as they are: the configured aliases and the exact names of providers'
 * {@code models} patterns (bare when that name routes to that provider, else with the provider's
 * prefix). Wildcard patterns name no model, so none is invented for them: they are listed in a
 * Sluice extension, {@code "sluice": {"patterns": [{"provider", "pattern", "prefixed"}]}}, which
 * OpenAI clients ignore.
 */
@ApplicationScoped
public class ModelsRoute {

    private final ProviderRegistry registry;

    ModelsRoute(ProviderRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Router router) {
        router.get("/v1/models").handler(ctx -> {
            KeySettings key = Principal.of(ctx).settings();
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("object", "list");
            ArrayNode data = root.putArray("data");
            Set<String> listed = new LinkedHashSet<>();
            registry.routes().forEach((alias, route) -> {
                if (key.allowsModel(alias) && listed.add(alias)) {
                    model(data, alias, route.primary().provider().name());
                }
            });
            ArrayNode patterns = JsonNodeFactory.instance.arrayNode();
            registry.patterns().forEach((provider, accepted) -> {
                for (String pattern : accepted.patterns()) {
                    String prefixed = provider + "/" + pattern;
                    if (ModelPatterns.wildcard(pattern)) {
                        if (key.allowsModel(prefixed)) {
                            patterns.addObject().put("provider", provider).put("pattern", pattern)
                                    .put("prefixed", prefixed);
                        }
                        continue;
                    }
                    // the bare name when it reaches this provider and the key may use it, else the prefixed one
                    String id = routesTo(pattern, provider) && key.allowsModel(pattern) ? pattern : prefixed;
                    if (key.allowsModel(id) && listed.add(id)) {
                        model(data, id, provider);
                    }
                }
            });
            if (!patterns.isEmpty()) {
                root.putObject("sluice").set("patterns", patterns);
            }
            HttpReplies.json(ctx.response(), 200, root);
        });
    }

    /** Whether the bare name reaches that provider unchanged (no alias shadows it, no other provider ties). */
    private boolean routesTo(String name, String provider) {
        try {
            Route route = registry.route(name);
            return route.targets().size() == 1 && route.primary().provider().name().equals(provider)
                    && route.primary().upstreamModel().equals(name);
        } catch (RuntimeException unknownOrAmbiguous) {
            return false;
        }
    }

    private static void model(ArrayNode data, String id, String owner) {
        data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", owner);
    }
}
