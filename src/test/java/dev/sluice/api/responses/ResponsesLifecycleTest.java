package dev.sluice.api.responses;

import static dev.sluice.api.responses.ResponsesCalls.awaitEnd;
import static dev.sluice.api.responses.ResponsesCalls.create;
import static dev.sluice.api.responses.ResponsesCalls.resume;
import static dev.sluice.api.responses.ResponsesCalls.retrieve;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.ScriptedProvider;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Background responses, retrieval while running, cancel, delete, and responses that are not stored. */
@QuarkusTest
class ResponsesLifecycleTest {

    /** Long enough to be running for the whole test, short enough to end by itself if a test fails. */
    private static final String SLOW = "\"sluice\":{\"script\":\"abcdefghijklmnopqrstuvwxyz\",\"repeat\":4,\"gap_ms\":20}";

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBackgroundResponseAnswersAtOnceRunsOnAndCanBeCancelled() {
        int cancelledBefore = ScriptedProvider.CANCELLED.get();
        JsonPath created = create(base, "{\"model\":\"test-script\",\"input\":\"x\",\"background\":true," + SLOW + "}");
        String id = created.getString("id");
        assertEquals("queued", created.getString("status"));
        assertEquals(true, created.getBoolean("background"));
        assertEquals(List.of(), created.getList("output"));

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> retrieve(base, id).getString("output[0].content[0].text") != null);
        JsonPath running = retrieve(base, id);
        assertEquals("in_progress", running.getString("status"));
        assertEquals("in_progress", running.getString("output[0].status"));

        JsonPath cancelled = given().contentType("application/json").post(base.resolve("/v1/responses/" + id + "/cancel"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals("cancelled", cancelled.getString("status"));
        assertEquals(id, cancelled.getString("id"));
        String text = cancelled.getString("output[0].content[0].text");
        assertTrue(text.length() < 104, "cut short: " + text.length());
        assertEquals("incomplete", cancelled.getString("output[0].status"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ScriptedProvider.CANCELLED.get() > cancelledBefore);

        assertEquals("cancelled", retrieve(base, id).getString("status"));
        given().contentType("application/json").post(base.resolve("/v1/responses/" + id + "/cancel")).then().statusCode(200)
                .body("status", equalTo("cancelled"));
        List<SseEvent> replay = resume(base, id, null);
        SseEvent last = replay.get(replay.size() - 1);
        assertEquals("response.incomplete", last.event());
        assertEquals("cancelled", last.json().at("/response/status").asText());
    }

    @Test
    void aFinishedResponseCannotBeCancelled() {
        String id = create(base, "{\"model\":\"test-script\",\"input\":\"done\"}").getString("id");
        given().contentType("application/json").post(base.resolve("/v1/responses/" + id + "/cancel")).then().statusCode(400)
                .body("error.code", equalTo("response_not_cancellable"))
                .body("error.message", equalTo("Cannot cancel a response that is already completed."));
    }

    @Test
    void aStreamedResponseCanBeCancelledFromAnotherRequest() {
        String body = "{\"model\":\"test-script\",\"input\":\"cancel me\",\"stream\":true," + SLOW + "}";
        ScriptedProvider.LAST.set(null);
        CompletableFuture<List<SseEvent>> reading = CompletableFuture.supplyAsync(() -> ResponsesCalls.stream(base, body));
        // The response id is the session its stream runs in.
        String id = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> ScriptedProvider.LAST.get(), r -> r != null && "cancel me".equals(r.lastUserMessage()))
                .session();
        given().contentType("application/json").post(base.resolve("/v1/responses/" + id + "/cancel")).then().statusCode(200)
                .body("status", equalTo("cancelled"));
        List<SseEvent> events = reading.join();
        assertEquals("response.incomplete", events.get(events.size() - 1).event());
        assertEquals("cancelled", events.get(events.size() - 1).json().at("/response/status").asText());
    }

    @Test
    void deleteErasesTheResponseItsSessionAndItsJournal() {
        JsonPath created = create(base, "{\"model\":\"test-script\",\"input\":\"forget me\"}");
        String id = created.getString("id");
        given().get(base.resolve("/v1/sessions/" + id)).then().statusCode(200)
                .body("history.content", equalTo(List.of("forget me", "forget me")));
        given().delete(base.resolve("/v1/responses/" + id)).then().statusCode(200)
                .body("id", equalTo(id)).body("object", equalTo("response")).body("deleted", equalTo(true));
        given().get(base.resolve("/v1/responses/" + id)).then().statusCode(404)
                .body("error.code", equalTo("response_not_found"));
        given().get(base.resolve("/v1/responses/" + id + "?stream=true")).then().statusCode(404)
                .body("error.code", equalTo("response_not_found"));
        given().get(base.resolve("/v1/sessions/" + id)).then().statusCode(404);
        given().delete(base.resolve("/v1/responses/" + id)).then().statusCode(404);
        given().contentType("application/json")
                .body("{\"model\":\"test-script\",\"input\":\"again\",\"previous_response_id\":\"" + id + "\"}")
                .post(base.resolve("/v1/responses")).then().statusCode(400)
                .body("error.code", equalTo("previous_response_not_found"));
    }

    @Test
    void aResponseThatIsNotStoredCanBeReadOnlyWhileItIsDelivered() {
        List<SseEvent> events = ResponsesCalls.stream(base,
                "{\"model\":\"test-script\",\"input\":\"ephemeral\",\"stream\":true,\"store\":false}");
        String id = events.get(0).json().at("/response/id").asText();
        assertEquals(false, events.get(0).json().at("/response/store").asBoolean());
        assertEquals("ephemeral", events.get(events.size() - 1).json().at("/response/output/0/content/0/text").asText());
        given().get(base.resolve("/v1/responses/" + id)).then().statusCode(404);
        given().get(base.resolve("/v1/responses/" + id + "?stream=true")).then().statusCode(404);
        given().contentType("application/json").post(base.resolve("/v1/responses/" + id + "/cancel")).then().statusCode(404);
    }

    @Test
    void aNonStreamedFailureIsTheUpstreamsHttpError() {
        given().contentType("application/json")
                .body("{\"model\":\"test-script\",\"input\":\"abcdef\",\"sluice\":{\"fail_after\":2}}")
                .post(base.resolve("/v1/responses")).then().statusCode(502)
                .body("error.code", equalTo("upstream_error"))
                .body("error.type", equalTo("server_error"));
    }

    @Test
    void theResponseSessionHoldsTheTurnAndTheInstructions() {
        String id = create(base, """
                {"model":"test-script","input":"question","instructions":"Answer kindly.","sluice":{"script":"answer"}}""")
                .getString("id");
        JsonPath session = given().get(base.resolve("/v1/sessions/" + id)).then().statusCode(200).extract().jsonPath();
        assertEquals("Answer kindly.", session.getString("system"));
        assertEquals(List.of("user", "assistant"), session.getList("history.role"));
        assertEquals(List.of("question", "answer"), session.getList("history.content"));
        assertEquals(1, session.getList("streams").size());
        assertEquals("completed", awaitEnd(base, id).getString("status"));
    }
}
