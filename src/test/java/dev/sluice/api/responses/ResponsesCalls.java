package dev.sluice.api.responses;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** The Responses API calls the tests share, over HTTP and SSE. */
final class ResponsesCalls {

    private ResponsesCalls() {}

    /** {@code POST /v1/responses} with {@code stream: true}: every event until the server ends the stream. */
    static List<SseEvent> stream(URI base, String body) {
        return SseClient.readAll(SseClient.postJson(base.resolve("/v1/responses"), body));
    }

    /** {@code POST /v1/responses} answered with JSON (200). */
    static JsonPath create(URI base, String body) {
        return given().contentType(ContentType.JSON).body(body).post(base.resolve("/v1/responses"))
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath retrieve(URI base, String id) {
        return given().get(base.resolve("/v1/responses/" + id)).then().statusCode(200).extract().jsonPath();
    }

    /** {@code GET /v1/responses/{id}?stream=true&starting_after=…} ({@code startingAfter} null: none). */
    static List<SseEvent> resume(URI base, String id, Long startingAfter) {
        String query = "?stream=true" + (startingAfter == null ? "" : "&starting_after=" + startingAfter);
        return SseClient.get(base.resolve("/v1/responses/" + id + query), Map.of());
    }

    /** Waits until the response has left queued and in_progress, and returns it. */
    static JsonPath awaitEnd(URI base, String id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String status = retrieve(base, id).getString("status");
            return !"queued".equals(status) && !"in_progress".equals(status);
        });
        return retrieve(base, id);
    }

    static List<String> types(List<SseEvent> events) {
        return events.stream().map(SseEvent::event).toList();
    }

    /** Checks the framing of every event: the SSE name is the data's type, the SSE id its sequence_number. */
    static void assertFraming(List<SseEvent> events) {
        for (SseEvent event : events) {
            JsonNode data = event.json();
            assertEquals(event.event(), data.path("type").asText(), "event name = type: " + event.data());
            assertEquals(event.id(), data.path("sequence_number").asText(), "id = sequence_number: " + event.data());
        }
    }

    /** The sequence numbers of the events, in order. */
    static List<Long> sequenceNumbers(List<SseEvent> events) {
        return events.stream().map(e -> e.json().path("sequence_number").asLong()).toList();
    }
}
