package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-key limits of {@link KeyedProfile} (window {@value KeyedProfile#RATE_WINDOW_SECONDS} s):
 * past each one a 429 in OpenAI's shape with Retry-After; after waiting that long, success again.
 */
@QuarkusTest
@TestProfile(KeyedProfile.class)
class RateLimitTest {

    private static final String SMALL = """
            {"model":"sluice-echo","prompt":"one two three","simulator":{"ttft_ms":0,"gap_ms":0}}""";

    @TestHTTPResource("/")
    URI base;

    @Test
    void requestsPerWindow() throws InterruptedException {
        Response last = null;
        Response limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            Response response = post(TestKeys.LIMITED_REQUESTS, SMALL);
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertEquals(201, response.statusCode());
                assertEquals("2", response.header("x-ratelimit-limit-requests"));
                assertNotNull(response.header("x-ratelimit-reset-requests"));
                last = response;
            }
        }
        assertNotNull(limited, "no 429 after 10 requests at 2 per window");
        assertEquals("0", last.header("x-ratelimit-remaining-requests"));
        long retryAfter = assertRateLimited(limited, "requests");
        assertEquals("2", limited.header("x-ratelimit-limit-requests"));
        assertEquals("0", limited.header("x-ratelimit-remaining-requests"));

        // The same limit over the other transports: OpenAI-compatible and WebSocket.
        Response chat = null;
        for (int i = 0; i < 10 && (chat == null || chat.statusCode() != 429); i++) {
            chat = given().headers(TestKeys.bearer(TestKeys.LIMITED_REQUESTS)).contentType("application/json")
                    .body("{\"model\":\"sluice-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                    .post(base.resolve("/v1/chat/completions"));
        }
        assertRateLimited(chat, "requests");
        try (WsClient ws = new WsClient(base, TestKeys.bearer(TestKeys.LIMITED_REQUESTS))) {
            JsonNode frame = null;
            for (int i = 0; i < 10 && (frame == null || !frame.at("/error/code").asText().equals("rate_limit_exceeded"));
                 i++) {
                frame = startOver(ws);
            }
            assertEquals("rejected", frame.path("type").asText());
            assertEquals("rate_limit_exceeded", frame.at("/error/code").asText());
            assertEquals("rate_limit_error", frame.at("/error/type").asText());
            ws.send("{\"type\":\"resume\",\"streamId\":\"str_" + "1".repeat(32) + "\"}");
            List<JsonNode> frames = ws.until(f -> f.path("type").asText().equals("rejected"));
            assertEquals("stream_not_found", frames.get(frames.size() - 1).at("/error/code").asText(),
                    "the connection stays open");
        }
        limited = post(TestKeys.LIMITED_REQUESTS, SMALL);
        if (limited.statusCode() == 429) {
            retryAfter = assertRateLimited(limited, "requests");
        }

        Thread.sleep(retryAfter * 1000);
        assertEquals(201, post(TestKeys.LIMITED_REQUESTS, SMALL).statusCode());
    }

    @Test
    void completionTokensPerWindowCountedFromUsage() throws InterruptedException {
        Response limited = null;
        for (int attempt = 0; attempt < 3 && limited == null; attempt++) {
            HttpRequest run = SseClient.postJson(base.resolve("/v1/streams"), """
                    {"model":"sluice-sim","prompt":"go","simulator":{"ttft_ms":0,"gap_ms":0,"tokens":10}}""");
            List<SseEvent> events = SseClient.readAll(HttpRequest.newBuilder(run, (n, v) -> true)
                    .header("Authorization", "Bearer " + TestKeys.LIMITED_TOKENS).build());
            assertEquals(10, events.get(events.size() - 2).json().path("completionTokens").asInt());
            // The tokens are counted once the stream has ended; poll for the 429 within this window.
            for (int i = 0; i < 20 && limited == null; i++) {
                Response response = post(TestKeys.LIMITED_TOKENS, SMALL);
                if (response.statusCode() == 429) {
                    limited = response;
                } else {
                    assertEquals("5", response.header("x-ratelimit-limit-tokens"));
                    Thread.sleep(50);
                }
            }
        }
        assertNotNull(limited, "no 429 after spending 10 tokens at 5 per window");
        long retryAfter = assertRateLimited(limited, "tokens");
        assertEquals("0", limited.header("x-ratelimit-remaining-tokens"));
        Thread.sleep(retryAfter * 1000);
        assertEquals(201, post(TestKeys.LIMITED_TOKENS, SMALL).statusCode());
    }

    @Test
    void concurrentStreams() throws InterruptedException {
        String slow = """
                {"model":"sluice-sim","prompt":"go","background":true,"simulator":{"ttft_ms":0,"gap_ms":20,"tokens":3000}}""";
        Response first = post(TestKeys.LIMITED_STREAMS, slow);
        assertEquals(201, first.statusCode());
        String id = first.jsonPath().getString("id");
        Response second = post(TestKeys.LIMITED_STREAMS, SMALL);
        long retryAfter = assertRateLimited(second, "concurrent streams");
        assertEquals(1, retryAfter);
        given().headers(TestKeys.bearer(TestKeys.LIMITED_STREAMS)).delete(base.resolve("/v1/streams/" + id))
                .then().statusCode(200);
        Thread.sleep(retryAfter * 1000);
        assertEquals(201, post(TestKeys.LIMITED_STREAMS, SMALL).statusCode());
    }

    /** Asserts OpenAI's 429 shape and returns Retry-After in seconds. */
    private static long assertRateLimited(Response response, String limit) {
        assertEquals(429, response.statusCode(), response.asString());
        assertEquals("rate_limit_error", response.jsonPath().getString("error.type"));
        assertEquals("rate_limit_exceeded", response.jsonPath().getString("error.code"));
        assertTrue(response.jsonPath().getString("error.message").startsWith("Rate limit reached for " + limit),
                response.asString());
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= KeyedProfile.RATE_WINDOW_SECONDS, "Retry-After " + retryAfter);
        return retryAfter;
    }

    private JsonNode startOver(WsClient ws) {
        ws.send("{\"type\":\"start\",\"id\":\"w\",\"model\":\"sluice-echo\",\"prompt\":\"x\","
                + "\"simulator\":{\"ttft_ms\":0,\"gap_ms\":0}}");
        JsonNode frame = ws.next();
        while (!frame.path("type").asText().equals("rejected") && !frame.path("type").asText().equals("started")) {
            frame = ws.next();
        }
        return frame;
    }

    private Response post(String key, String body) {
        return given().headers(TestKeys.bearer(key)).contentType("application/json").body(body)
                .post(base.resolve("/v1/streams"));
    }

    static Map<String, String> headers(String key) {
        return TestKeys.bearer(key);
    }
}
