package dev.sluice.provider.e2e;

import dev.sluice.provider.http.ReplayServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Starts a replaying Anthropic Messages upstream before Quarkus and routes the alias
 * {@code claude-replayed} to it through the {@code anthropic} adapter; each test queues the replies
 * it needs.
 */
public class ReplayedAnthropicResource implements QuarkusTestResourceLifecycleManager {

    static volatile ReplayServer server;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = ReplayServer.start(vertx);
        return Map.of(
                "sluice.providers.claude.type", "anthropic",
                "sluice.providers.claude.base-url", server.baseUrl(),
                "sluice.providers.claude.api-key", "sk-ant-replay",
                "sluice.models.claude-replayed.provider", "claude",
                "sluice.models.claude-replayed.upstream-model", "claude-sonnet-4-5");
    }

    @Override
    public void stop() {
        server.close();
        vertx.close();
    }
}
