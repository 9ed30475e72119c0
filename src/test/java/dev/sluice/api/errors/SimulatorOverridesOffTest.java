package dev.sluice.api.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With {@code sluice.simulator.request-overrides=false} (the production default) a request that
 * overrides the simulator is refused before anything starts, with a 400 in each API's own error
 * shape, while requests without overrides stream as usual.
 */
@QuarkusTest
@TestProfile(SimulatorOverridesOffProfile.class)
class SimulatorOverridesOffTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aChatRequestInjectingAFailureIsRefusedWith400AndStartsNothing() {
        given().contentType("application/json")
                .body("{\"model\":\"sluice-sim\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"sluice\":{\"fail\":\"server_error\"}}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(400)
                .header("X-Sluice-Stream-Id", nullValue())
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("simulator_overrides_disabled"))
                .body("error.message", containsString("sluice.simulator.request-overrides=true"));
    }

    @Test
    void aNativeStartWithTimingOverridesIsRefusedWith400() {
        given().contentType("application/json").accept("text/event-stream")
                .body("{\"model\":\"sluice-echo\",\"prompt\":\"hi\",\"simulator\":{\"gap_ms\":0}}")
                .post(base.resolve("/v1/streams"))
                .then().statusCode(400).body("error.code", equalTo("simulator_overrides_disabled"))
                .body("error.message", containsString("'gap_ms'"));
    }

    @Test
    void anAnthropicRequestWithAnOverrideIsRefusedInAnthropicsShape() {
        given().contentType("application/json")
                .body("{\"model\":\"sluice-sim\",\"max_tokens\":20,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"sluice\":{\"fail\":\"rate_limit\"}}")
                .post(base.resolve("/v1/messages"))
                .then().statusCode(400)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("simulator overrides"));
    }

    @Test
    void aWebSocketStartWithAnOverrideIsRejectedAndTheConnectionStaysUsable() {
        try (WsClient ws = new WsClient(base)) {
            ws.send("{\"type\":\"start\",\"id\":\"c1\",\"model\":\"sluice-echo\",\"prompt\":\"hi\","
                    + "\"simulator\":{\"fail\":\"drop\"}}");
            JsonNode rejected = ws.next();
            assertEquals("rejected", rejected.path("type").asText(), rejected.toString());
            assertEquals("c1", rejected.path("id").asText(), rejected.toString());
            assertEquals("simulator_overrides_disabled", rejected.at("/error/code").asText(), rejected.toString());
            ws.send("{\"type\":\"start\",\"id\":\"c2\",\"model\":\"sluice-echo\",\"prompt\":\"still here\"}");
            List<JsonNode> frames = ws.until(f -> "done".equals(f.path("type").asText()));
            assertEquals("started", frames.get(0).path("type").asText(), frames.toString());
            StringBuilder text = new StringBuilder();
            frames.stream().filter(f -> "delta".equals(f.path("type").asText()))
                    .forEach(f -> text.append(f.path("text").asText()));
            assertEquals("still here", text.toString());
        }
    }

    @Test
    void aRequestWithoutOverridesStillStreamsEveryToken() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/chat/completions"),
                "{\"model\":\"sluice-echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"one two three\"}]}"));
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> !"[DONE]".equals(e.data()) && e.json().at("/choices/0/delta/content").isTextual())
                .forEach(e -> text.append(e.json().at("/choices/0/delta/content").asText()));
        assertEquals("one two three", text.toString());
        assertEquals("[DONE]", events.get(events.size() - 1).data());
    }
}
