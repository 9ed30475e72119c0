package dev.sluice.api.streams;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream with a masking profile: secrets split across byte-level tokens never reach a subscriber. */
@QuarkusTest
class MaskedStreamTest {

    private static final String SECRET_TEXT = "Write to jane.doe@example.com or pay 4242 4242 4242 4242, key AKIAIOSFODNN7EXAMPLE.";

    @TestHTTPResource("/")
    URI base;

    @Test
    void valuesSplitAcrossEveryByteAreMaskedInEventsAndStatus() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"),
                "{\"model\":\"test-script\",\"masking\":\"standard\",\"prompt\":\"x\",\"simulator\":{\"script\":\""
                        + SECRET_TEXT + "\",\"chunk\":1}}"));
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events) {
            assertFalse(e.data().contains("jane.doe"), e.data());
            assertFalse(e.data().contains("AKIAIOSFODNN7EXAMPLE"), e.data());
            if (e.event().equals("delta")) {
                text.append(e.json().path("text").asText());
            }
        }
        String masked = "Write to [EMAIL] or pay [CARD], key [API_KEY].";
        assertEquals(masked, text.toString());
        List<String> detectors = events.stream().filter(e -> e.event().equals("redaction"))
                .map(e -> e.json().path("detector").asText() + ":" + e.json().path("replacement").asText()).toList();
        assertEquals(List.of("email:[EMAIL]", "card:[CARD]", "api_key:[API_KEY]"), detectors);
        String id = events.get(0).json().path("streamId").asText();
        assertEquals(masked, Streams.status(base, id).getString("text"));
        assertEquals(3, Streams.status(base, id).getInt("redactions"));
    }

    @Test
    void promptsAreMaskedBeforeTheyGoUpstream() {
        // The echo simulator returns what it received: the masked prompt, never the original.
        given().contentType("application/json").body("""
                        {"model":"sluice-echo","masking":"standard","messages":[{"role":"user","content":"mail jane@example.com now"}],
                         "sluice":{"gap_ms":0,"ttft_ms":0}}""")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(200)
                .body("choices[0].message.content", equalTo("mail [EMAIL] now"));
    }

    @Test
    void aBlockEndsTheStreamWithPolicyViolationAfterTheTextBeforeItMasked() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"),
                "{\"model\":\"test-script\",\"masking\":\"blocking\",\"prompt\":\"x\",\"simulator\":{\"script\":\""
                        + "Mail ann@example.com, card 4242 4242 4242 4242 and more\",\"chunk\":1}}"));
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events) {
            assertFalse(e.data().contains("ann@example.com"), e.data());
            assertFalse(e.data().contains("4242"), e.data());
            if (e.event().equals("delta")) {
                text.append(e.json().path("text").asText());
            }
        }
        assertEquals("Mail [EMAIL], card ", text.toString());
        SseEvent last = events.get(events.size() - 1);
        assertEquals("error", last.event());
        assertEquals("policy_violation", last.json().path("code").asText());
        assertEquals(List.of("email:mask", "card:block"), events.stream().filter(e -> e.event().equals("redaction"))
                .map(e -> e.json().path("detector").asText() + ":" + e.json().path("action").asText()).toList());
        String id = events.get(0).json().path("streamId").asText();
        assertEquals("failed", Streams.status(base, id).getString("status"));
        assertEquals("Mail [EMAIL], card ", Streams.status(base, id).getString("text"));
    }

    @Test
    void unknownProfileIsA400() {
        given().contentType("application/json").body("""
                        {"model":"sluice-echo","masking":"nope","prompt":"x"}""")
                .post(base.resolve("/v1/streams"))
                .then().statusCode(400)
                .body("error.param", equalTo("masking"))
                .body("error.code", equalTo("invalid_value"));
    }
}
