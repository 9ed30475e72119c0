package dev.sluice.api.openai;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code block} detector on the OpenAI-compatible endpoint (test profile {@code blocking}: e-mail
 * masked, cards blocked): after text was sent the stream ends with an error object in OpenAI's
 * shape and no {@code [DONE]}, the text before it masked; before any text it is a 400.
 */
@QuarkusTest
class ChatCompletionsBlockTest {

    private static final String CARD = "4242 4242 4242 4242";

    @TestHTTPResource("/v1/chat/completions")
    URI completions;

    private static String body(boolean stream, String script) {
        return "{\"model\":\"test-script\",\"masking\":\"blocking\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"sluice\":{\"script\":\"" + script
                + "\",\"chunk\":2}}";
    }

    @Test
    void aBlockAfterTextEndsWithAnErrorObjectAndNoDone() {
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(completions,
                body(true, "Mail ann@example.com, card " + CARD + " thanks")));
        StringBuilder content = new StringBuilder();
        for (SseEvent e : events) {
            assertFalse(e.data().contains("ann@example.com"), e.data());
            assertFalse(e.data().contains("4242"), e.data());
            if (e.json() != null && e.json().at("/choices/0/delta/content").isTextual()) {
                content.append(e.json().at("/choices/0/delta/content").asText());
            }
        }
        assertEquals("Mail [EMAIL], card ", content.toString());
        SseEvent last = events.get(events.size() - 1);
        assertEquals("policy_violation", last.json().at("/error/code").asText());
        assertEquals("invalid_request_error", last.json().at("/error/type").asText());
        assertTrue(last.json().at("/error/message").asText().contains("'card' detector"));
        assertTrue(events.stream().noneMatch(e -> e.data().equals("[DONE]")));
        assertTrue(events.stream().noneMatch(e -> e.json() != null
                && !e.json().at("/choices/0/finish_reason").isMissingNode()
                && e.json().at("/choices/0/finish_reason").isTextual()), "no finish chunk after a block");
    }

    @Test
    void aBlockBeforeAnyTextIsA400() {
        given().contentType(ContentType.JSON).body(body(true, CARD + " is my card"))
                .post(completions)
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error.code", equalTo("policy_violation"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(null));
    }

    @Test
    void aBlockedNonStreamedCompletionIsA400() {
        given().contentType(ContentType.JSON).body(body(false, "Mail ann@example.com, card " + CARD))
                .post(completions)
                .then().statusCode(400)
                .body("error.code", equalTo("policy_violation"));
    }

    @Test
    void aBlockedPromptIsA400BeforeAnythingGoesUpstream() {
        given().contentType(ContentType.JSON).body("{\"model\":\"test-script\",\"masking\":\"blocking\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"my card: " + CARD + "\"}]}")
                .post(completions)
                .then().statusCode(400)
                .body("error.code", equalTo("policy_violation"));
    }
}
