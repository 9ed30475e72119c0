package dev.sluice.api.streams;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The native API's 4xx answers, and the SSE heartbeat. */
@QuarkusTest
class StreamsBadInputTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void malformedLastEventIdOrAfterIs400() {
        String id = Streams.start(base, """
                {"model":"sluice-echo","prompt":"hi","background":true,"simulator":{"ttft_ms":0,"gap_ms":0}}""");
        given().header("Last-Event-ID", "seven").get(base.resolve("/v1/streams/" + id + "/events"))
                .then().statusCode(400).body("error.param", equalTo("Last-Event-ID")).body("error.code", equalTo("invalid_value"));
        given().get(base.resolve("/v1/streams/" + id + "/events?after=-5"))
                .then().statusCode(400).body("error.param", equalTo("after"));
        // The stream is unharmed by the bad requests.
        Streams.awaitEnd(base, id);
        given().get(base.resolve("/v1/streams/" + id)).then().statusCode(200).body("text", equalTo("hi"));
    }

    @Test
    void unknownOrMalformedStreamIdsAre404() {
        for (String id : List.of("str_00000000000000000000000000000000", "nope", "str_ZZ")) {
            given().get(base.resolve("/v1/streams/" + id)).then().statusCode(404).body("error.code", equalTo("stream_not_found"));
            given().get(base.resolve("/v1/streams/" + id + "/events")).then().statusCode(404)
                    .body("error.code", equalTo("stream_not_found"));
            given().delete(base.resolve("/v1/streams/" + id)).then().statusCode(404);
        }
    }

    @Test
    void badStartBodiesAre400() {
        given().contentType("application/json").body("{\"model\":\"sluice-sim\"}").post(base.resolve("/v1/streams"))
                .then().statusCode(400).body("error.param", equalTo("messages"));
        given().contentType("application/json").body("{\"model\":\"sluice-sim\",\"prompt\":\"x\",\"background\":\"yes\"}")
                .post(base.resolve("/v1/streams"))
                .then().statusCode(400).body("error.param", equalTo("background")).body("error.code", equalTo("invalid_type"));
        given().contentType("application/json").body("{\"model\":\"sluice-sim\",\"prompt\":\"x\",\"simulator\":{\"mode\":\"sing\"}}")
                .post(base.resolve("/v1/streams"))
                .then().statusCode(400).body("error.code", equalTo("invalid_value"));
        given().contentType("application/json").body("{\"model\":\"unknown\",\"prompt\":\"x\"}").post(base.resolve("/v1/streams"))
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void idleStreamsGetHeartbeatComments() throws Exception {
        // Heartbeats every 500 ms in the test profile; the first token comes after 1.6 s. A follower's
        // stream opens at once (a start's own SSE answer holds its head for the first output).
        String id = given().contentType("application/json")
                .body("{\"model\":\"sluice-echo\",\"prompt\":\"hi\",\"simulator\":{\"ttft_ms\":1600,\"gap_ms\":0}}")
                .post(base.resolve("/v1/streams")).then().statusCode(201).extract().path("id");
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/streams/" + id + "/events"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        List<String> lines = new ArrayList<>();
        response.body().forEach(lines::add);
        int firstDelta = lines.indexOf("event: delta");
        assertTrue(firstDelta > 0, String.join("\n", lines));
        assertTrue(lines.subList(0, firstDelta).contains(": ping"), "heartbeat before the first token: " + lines);
    }
}
