package dev.sluice.api.responses;

import static dev.sluice.api.responses.ResponsesCalls.sequenceNumbers;
import static dev.sluice.api.responses.ResponsesCalls.stream;
import static dev.sluice.api.responses.ResponsesCalls.types;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A masking {@code block} (test profile {@code blocking}: e-mail masked, cards blocked): in the
 * prompt a 400 before anything starts; in the output a streamed response ends with {@code error}
 * and {@code response.failed} (the response id is known from the first event, so no 400 then),
 * a whole one is a 400.
 */
@QuarkusTest
class ResponsesBlockTest {

    private static final String CARD = "4242 4242 4242 4242";

    @TestHTTPResource("/")
    URI base;

    private static String body(boolean stream, String script) {
        return "{\"model\":\"test-script\",\"masking\":\"blocking\",\"stream\":" + stream
                + ",\"input\":\"x\",\"sluice\":{\"script\":\"" + script + "\",\"chunk\":2}}";
    }

    @Test
    void aBlockInTheOutputEndsTheStreamWithErrorAndResponseFailed() {
        List<SseEvent> events = stream(base, body(true, "Mail ann@example.com, card " + CARD + " thanks"));
        StringBuilder text = new StringBuilder();
        for (SseEvent e : events) {
            assertFalse(e.data().contains("ann@example.com"), e.data());
            assertFalse(e.data().contains("4242"), e.data());
            if ("response.output_text.delta".equals(e.event())) {
                text.append(e.json().path("delta").asText());
            }
        }
        assertEquals("Mail [EMAIL], card ", text.toString());
        List<String> names = types(events);
        assertEquals(List.of("error", "response.failed"), names.subList(names.size() - 2, names.size()));
        assertEquals("policy_violation", events.get(events.size() - 2).json().path("code").asText());
        JsonNode failed = events.get(events.size() - 1).json().path("response");
        assertEquals("failed", failed.path("status").asText());
        assertEquals("invalid_prompt", failed.at("/error/code").asText());
        assertEquals("Mail [EMAIL], card ", failed.at("/output/0/content/0/text").asText());
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), sequenceNumbers(events));
    }

    @Test
    void aBlockBeforeAnyOutputOfAStreamIsA400() {
        // As on every ingress: a failure before any output is answered with its HTTP status.
        given().contentType("application/json").body(body(true, CARD + " is my card"))
                .post(base.resolve("/v1/responses"))
                .then().statusCode(400).body("error.code", equalTo("policy_violation"));
    }

    @Test
    void aBlockedWholeResponseIsA400() {
        given().contentType("application/json").body(body(false, "card " + CARD)).post(base.resolve("/v1/responses"))
                .then().statusCode(400).body("error.code", equalTo("policy_violation"));
    }

    @Test
    void aBlockedPromptIsA400() {
        given().contentType("application/json").body("{\"model\":\"test-script\",\"masking\":\"blocking\","
                        + "\"stream\":true,\"input\":\"my card: " + CARD + "\"}")
                .post(base.resolve("/v1/responses")).then().statusCode(400)
                .body("error.code", equalTo("policy_violation"));
    }
}
