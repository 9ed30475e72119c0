package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Tenant globex (key bravo) cannot see, follow, resume, cancel or delete a stream of tenant acme (key alpha). */
@QuarkusTest
@TestProfile(KeyedProfile.class)
class TenantIsolationTest {

    private static final int TOKENS = 40;

    @TestHTTPResource("/")
    URI base;

    @Test
    void anotherTenantGets404EverywhereAndTheOwnersStreamCompletesUntouched() {
        String id = given().headers(TestKeys.bearer(TestKeys.ALPHA)).contentType("application/json")
                .body("{\"model\":\"sluice-sim\",\"prompt\":\"go\",\"background\":true,"
                        + "\"simulator\":{\"ttft_ms\":0,\"gap_ms\":25,\"tokens\":" + TOKENS + ",\"seed\":3}}")
                .post(base.resolve("/v1/streams")).then().statusCode(201).extract().path("id");
        String unknown = "str_" + "0".repeat(32);
        Map<String, String> bravo = TestKeys.bearer(TestKeys.BRAVO);

        // Same status and same body as for a stream that does not exist: no existence oracle.
        Response notFound = given().headers(bravo).get(base.resolve("/v1/streams/" + unknown));
        for (Response response : List.of(
                given().headers(bravo).get(base.resolve("/v1/streams/" + id)),
                given().headers(bravo).get(base.resolve("/v1/streams/" + id + "/events")),
                given().headers(bravo).header("Last-Event-ID", "3").get(base.resolve("/v1/streams/" + id + "/events")),
                given().headers(bravo).get(base.resolve("/v1/streams/" + id + "/events?after=0")),
                given().headers(bravo).delete(base.resolve("/v1/streams/" + id)))) {
            assertEquals(404, response.statusCode());
            assertEquals("stream_not_found", response.jsonPath().getString("error.code"));
            assertEquals(notFound.asString(), response.asString());
        }
        try (WsClient ws = new WsClient(base, bravo)) {
            ws.send("{\"type\":\"resume\",\"streamId\":\"" + id + "\",\"after\":-1}");
            assertRejectedNotFound(ws.next());
            ws.send("{\"type\":\"resume\",\"streamId\":\"" + id + "\",\"after\":2}");
            assertRejectedNotFound(ws.next());
            ws.send("{\"type\":\"cancel\",\"streamId\":\"" + id + "\"}");
            assertRejectedNotFound(ws.next());
        }

        Map<String, String> alpha = TestKeys.bearer(TestKeys.ALPHA);
        List<SseEvent> events = SseClient.get(base.resolve("/v1/streams/" + id + "/events"), alpha);
        assertEquals("done", events.get(events.size() - 1).event());
        assertEquals("stop", events.get(events.size() - 1).json().path("finishReason").asText());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(
                given().headers(alpha).get(base.resolve("/v1/streams/" + id)).jsonPath().getString("status")));
        JsonPath status = given().headers(alpha).get(base.resolve("/v1/streams/" + id)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("completed", status.getString("status"));
        assertEquals("stop", status.getString("finish_reason"));
        assertEquals(TOKENS, status.getInt("usage.completion_tokens"));
    }

    @Test
    void theOwnerCanResumeOverTheWebSocketAndCancel() {
        Map<String, String> alpha = TestKeys.bearer(TestKeys.ALPHA);
        try (WsClient ws = new WsClient(base, alpha)) {
            ws.send("""
                    {"type":"start","id":"a","model":"sluice-sim","prompt":"go","background":true,
                     "simulator":{"ttft_ms":0,"gap_ms":20,"tokens":2000}}""".replace("\n", ""));
            String id = ws.next().path("streamId").asText();
            try (WsClient other = new WsClient(base, TestKeys.bearer(TestKeys.BRAVO))) {
                other.send("{\"type\":\"cancel\",\"streamId\":\"" + id + "\"}");
                assertRejectedNotFound(other.next());
            }
            try (WsClient again = new WsClient(base, alpha)) {
                again.send("{\"type\":\"resume\",\"streamId\":\"" + id + "\",\"after\":0}");
                assertEquals(1, again.next().path("seq").asLong());
                again.send("{\"type\":\"cancel\",\"streamId\":\"" + id + "\"}");
                List<JsonNode> rest = again.until(f -> f.path("type").asText().equals("done"));
                assertEquals("cancelled", rest.get(rest.size() - 1).path("finishReason").asText());
            }
        }
    }

    private static void assertRejectedNotFound(JsonNode frame) {
        assertEquals("rejected", frame.path("type").asText(), frame.toString());
        assertEquals("stream_not_found", frame.at("/error/code").asText(), frame.toString());
    }
}
