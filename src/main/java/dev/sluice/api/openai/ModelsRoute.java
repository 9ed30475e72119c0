package dev.sluice.api.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.common.HttpReplies;
import dev.sluice.provider.ProviderRegistry;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** OpenAI-compatible {@code GET /v1/models}: the configured model aliases. */
@ApplicationScoped
public class ModelsRoute {

    private final ProviderRegistry registry;

    ModelsRoute(ProviderRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Router router) {
        router.get("/v1/models").handler(ctx -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("object", "list");
            ArrayNode data = root.putArray("data");
            registry.routes().forEach((alias, route) -> data.addObject()
                    .put("id", alias)
                    .put("object", "model")
                    .put("created", 0)
                    .put("owned_by", route.primary().provider().name()));
            HttpReplies.json(ctx.response(), 200, root);
        });
    }
}
