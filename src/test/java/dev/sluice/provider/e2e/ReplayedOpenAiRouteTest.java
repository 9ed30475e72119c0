package dev.sluice.provider.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sluice's OpenAI-compatible endpoint, routed to a real upstream adapter, streams exactly the upstream's text. */
@QuarkusTest
@TestProfile(ReplayedOpenAiProfile.class)
class ReplayedOpenAiRouteTest {

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    @Test
    void chatCompletionsStreamsTheReplayedTextExactly() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions, """
                {"model":"replayed","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Say hello"}]}"""));
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(SseEvent::json).toList();
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertEquals("Hello, wörld 🌍! 你好，世界 👩‍💻\nline two", text.toString());
        assertEquals(List.of("stop"), chunks.stream().map(c -> c.at("/choices/0/finish_reason"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList());
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        assertEquals(12, usage.get("prompt_tokens").asInt());
        assertEquals(9, usage.get("completion_tokens").asInt());

        var upstream = ReplayedUpstreamResource.server.received().get(0);
        assertEquals("/v1/chat/completions", upstream.uri());
        assertEquals("gpt-replay", upstream.body().getString("model"));
        assertEquals("Bearer sk-replay", upstream.headers().get("Authorization"));
    }
}
