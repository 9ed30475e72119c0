package dev.sluice.provider.e2e;

import dev.sluice.provider.http.ReplayServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Starts a replaying OpenAI-compatible upstream before Quarkus and routes the alias {@code replayed}
 * to it; each test queues the replies it needs.
 */
public class ReplayedUpstreamResource implements QuarkusTestResourceLifecycleManager {

    static volatile ReplayServer server;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = ReplayServer.start(vertx);
        return Map.of(
                "sluice.providers.replay.type", "openai",
                "sluice.providers.replay.base-url", server.baseUrl() + "/v1",
                "sluice.providers.replay.api-key", "sk-replay",
                "sluice.models.replayed.provider", "replay",
                "sluice.models.replayed.upstream-model", "gpt-replay");
    }

    @Override
    public void stop() {
        server.close();
        vertx.close();
    }
}
