package dev.sluice.api.legacy;

import dev.sluice.provider.http.ReplayServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;

/**
 * One replaying upstream before Quarkus, behind several providers (each its own path prefix), with
 * model names routed by pattern and aliases whose names hold {@code /} and {@code :}:
 * <ul>
 *   <li>{@code vllm} (openai type, {@code /vllm/v1}): {@code models=*} — only with the init arg {@code catch-all=true};</li>
 *   <li>{@code oai} (openai type, {@code /oai/v1}): {@code models=gpt-4o*,text-embedding-3-small};</li>
 *   <li>{@code claude}, {@code claude2} (anthropic type): {@code models=claude-*} both, so a bare {@code claude-…} ties;</li>
 *   <li>the list alias {@code meta-llama/Llama-3.1-8B-Instruct:free} → vllm, {@code meta-llama/Llama-3.1-8B-Instruct};</li>
 *   <li>the quoted map alias {@code team/chat:latest} → oai, {@code gpt-4o-mini}; {@code claude-embed} → claude.</li>
 * </ul>
 */
public class RoutedUpstreamResource implements QuarkusTestResourceLifecycleManager {

    static volatile ReplayServer server;
    private Vertx vertx;
    private boolean catchAll;

    @Override
    public void init(Map<String, String> args) {
        catchAll = Boolean.parseBoolean(args.getOrDefault("catch-all", "false"));
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = ReplayServer.start(vertx);
        String base = server.baseUrl();
        Map<String, String> config = new HashMap<>();
        if (catchAll) {
            provider(config, "vllm", "openai", base + "/vllm/v1", "*");
            config.put("sluice.providers.vllm.api-key", "sk-vllm");
            config.put("sluice.model-aliases[0].name", "meta-llama/Llama-3.1-8B-Instruct:free");
            config.put("sluice.model-aliases[0].provider", "vllm");
            config.put("sluice.model-aliases[0].upstream-model", "meta-llama/Llama-3.1-8B-Instruct");
        }
        provider(config, "oai", "openai", base + "/oai/v1", "gpt-4o*,text-embedding-3-small");
        provider(config, "claude", "anthropic", base + "/claude", "claude-*");
        provider(config, "claude2", "anthropic", base + "/claude2", "claude-*");
        config.put("sluice.models.\"team/chat:latest\".provider", "oai");
        config.put("sluice.models.\"team/chat:latest\".upstream-model", "gpt-4o-mini");
        config.put("sluice.models.claude-embed.provider", "claude");
        config.put("sluice.routing.initial-backoff", "5ms");
        config.put("sluice.routing.max-backoff", "20ms");
        return config;
    }

    private static void provider(Map<String, String> config, String name, String type, String url, String models) {
        config.put("sluice.providers." + name + ".type", type);
        config.put("sluice.providers." + name + ".base-url", url);
        config.put("sluice.providers." + name + ".models", models);
    }

    @Override
    public void stop() {
        server.close();
        vertx.close();
    }
}
