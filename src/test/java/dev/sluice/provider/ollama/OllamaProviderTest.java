package dev.sluice.provider.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.provider.Delta;
import dev.sluice.provider.ModelProvider;
import dev.sluice.provider.http.HttpProviderSettings;
import dev.sluice.provider.http.ProviderContractTest;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.stream.Channel;
import dev.sluice.stream.ErrorCode;
import dev.sluice.stream.FinishReason;
import io.vertx.mutiny.core.Vertx;
import java.util.List;
import java.util.Map;

class OllamaProviderTest extends ProviderContractTest {

    @Override
    protected ModelProvider create(Vertx vertx, HttpProviderSettings settings) {
        return new OllamaProvider(vertx, settings);
    }

    @Override
    protected String mediaType() {
        return "application/x-ndjson";
    }

    @Override
    protected String happyFixture() {
        return "ollama/thinking-text.ndjson";
    }

    @Override
    protected List<Fixture> fixtures() {
        return List.of(
                Fixture.ok("ollama/thinking-text.ndjson",
                        Map.of(Channel.REASONING, "Greeting; reply in Русский and emoji.",
                                Channel.CONTENT, "Привет, мир 🦙"),
                        new Delta.Usage(11, 18), FinishReason.STOP),
                Fixture.ok("ollama/length.ndjson", Map.of(Channel.CONTENT, "数学は楽しい"), new Delta.Usage(7, 3),
                        FinishReason.LENGTH),
                Fixture.ok("ollama/tool-call.ndjson", Map.of(Channel.TOOL_CALL, "{\"city\":\"Zürich\"}"),
                        new Delta.Usage(20, 12), FinishReason.TOOL_CALLS),
                Fixture.failing("ollama/error-line.ndjson", Map.of(Channel.CONTENT, "Partial "),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("ollama/no-done.ndjson", Map.of(Channel.CONTENT, "cut short"),
                        ErrorCode.UPSTREAM_ERROR),
                Fixture.failing("ollama/malformed.ndjson", Map.of(Channel.CONTENT, "ok "),
                        ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Override
    protected void assertRequest(ReplayServer.Received request) {
        assertEquals("/api/chat", request.uri());
        assertEquals("Bearer " + API_KEY, request.headers().get("Authorization"));
        assertEquals(true, request.body().getBoolean("stream"));
        assertEquals(64, request.body().getJsonObject("options").getInteger("num_predict"));
        assertEquals("test-model", request.body().getString("model"));
    }
}
