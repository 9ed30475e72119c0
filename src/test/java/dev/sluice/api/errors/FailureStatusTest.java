package dev.sluice.api.errors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule for failures of a generation, at the HTTP surface of every ingress: before any output
 * the HTTP status of the failure (with the upstream's Retry-After), after the first output an
 * in-band error; and a request's own fault injection opens no circuit for anyone else.
 */
@QuarkusTest
class FailureStatusTest {

    @TestHTTPResource("/")
    URI base;

    private static String chat(String sluice) {
        return "{\"model\":\"sluice-sim\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0,\"tokens\":8" + sluice + "}}";
    }

    @Test
    void aStreamedChatWhoseUpstreamIsRateLimitedBeforeAnyTokenIs429WithRetryAfter() {
        given().contentType("application/json").body(chat(",\"fail\":\"rate_limit\""))
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(429).header("Retry-After", "1")
                .contentType(containsString("application/json"))
                .body("error.code", equalTo("upstream_rate_limited"))
                .body("error.type", equalTo("rate_limit_error"));
    }

    @Test
    void aStreamedChatWhoseUpstreamFailsBeforeAnyTokenIs502() {
        given().contentType("application/json").body(chat(",\"fail\":\"server_error\""))
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(502).body("error.code", equalTo("upstream_error"));
    }

    @Test
    void aNativeSseStartWhoseUpstreamFailsBeforeAnyTokenIs502() {
        given().contentType("application/json").accept("text/event-stream")
                .body("{\"model\":\"sluice-sim\",\"prompt\":\"hi\",\"simulator\":{\"ttft_ms\":0,\"fail\":\"server_error\"}}")
                .post(base.resolve("/v1/streams"))
                .then().statusCode(502).body("error.code", equalTo("upstream_error"));
    }

    @Test
    void anAnthropicStreamWhoseUpstreamIsRateLimitedIs429InAnthropicsShape() {
        given().contentType("application/json")
                .body("{\"model\":\"sluice-sim\",\"max_tokens\":20,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"sluice\":{\"fail\":\"rate_limit\"}}")
                .post(base.resolve("/v1/messages"))
                .then().statusCode(429).header("Retry-After", "1")
                .body("type", equalTo("error")).body("error.type", equalTo("rate_limit_error"));
    }

    @Test
    void aFailureAfterTheFirstTokenEndsTheStreamInBand() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/chat/completions"),
                "{\"model\":\"sluice-echo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                        + "\"one two three four five six\"}],\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0,\"fail\":\"drop\","
                        + "\"fail_at\":3}}"));
        SseEvent last = events.get(events.size() - 1);
        assertEquals("upstream_error", last.json().at("/error/code").asText(), "the last chunk is the error");
        long tokens = events.stream().filter(e -> e.json().at("/choices/0/delta/content").isTextual()
                && !e.json().at("/choices/0/delta/content").asText().isEmpty()).count();
        assertEquals(3, tokens, "the three tokens before the drop arrived");
        assertTrue(events.stream().noneMatch(e -> "[DONE]".equals(e.data())));
    }

    /** Before the fix, a handful of these opened the simulator's circuit: everyone's sluice-sim got 502 for 30 s. */
    @Test
    void injectedFailuresOpenNoCircuit() {
        for (int i = 0; i < 8; i++) {
            given().contentType("application/json").body(chat(",\"fail\":\"server_error\""))
                    .post(base.resolve("/v1/chat/completions")).then().statusCode(502);
        }
        given().get(base.resolve("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'sluice-providers' }.data.simulator", containsString("circuit=closed"));
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/chat/completions"), chat("")));
        assertEquals("[DONE]", events.get(events.size() - 1).data(), "a plain request still streams");
    }
}
