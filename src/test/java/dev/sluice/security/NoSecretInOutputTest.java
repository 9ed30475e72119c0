package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.CapturingLogHandler;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Keys and prompts planted in requests, good and bad, never reach the log or the metrics. */
@QuarkusTest
@TestProfile(KeyedProfile.class)
class NoSecretInOutputTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void plantedKeysAndPromptsAppearInNoLogLineAndNoMetric() throws Exception {
        String prompt = "PLANTED-PROMPT-" + UUID.randomUUID();
        List<String> secrets = List.of(TestKeys.ALPHA, TestKeys.BRAVO, TestKeys.WRONG, TestKeys.LIMITED_STREAMS, prompt,
                "PLANTED");
        CapturingLogHandler capture = CapturingLogHandler.onRoot();
        try {
            org.jboss.logging.Logger.getLogger("sluice.test.canary").warn("canary line");
            exercise(prompt);
        } finally {
            capture.close();
        }
        String log = capture.text();
        assertTrue(log.contains("canary line"), "the capture sees the application's log");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "log contains '" + secret + "':\n" + log);
        }
        String metrics = given().get(base.resolve("/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("sluice_streams_outcomes_total"), "metrics were recorded");
        for (String secret : secrets) {
            assertFalse(metrics.contains(secret), "metrics contain '" + secret + "'");
        }
    }

    /** Successful, refused and failing requests over every transport, each carrying the planted text. */
    private void exercise(String prompt) {
        Map<String, String> alpha = TestKeys.bearer(TestKeys.ALPHA);
        String chat = "{\"model\":\"sluice-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + " mail jane@example.com\"}],\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0}}";
        given().headers(alpha).contentType("application/json").body(chat).post(base.resolve("/v1/chat/completions"))
                .then().statusCode(200);
        given().headers(alpha).contentType("application/json").body(chat.replace("\"sluice-echo\"", "\"" + prompt + "\""))
                .post(base.resolve("/v1/chat/completions")).then().statusCode(404);
        given().headers(alpha).contentType("application/json").body(chat.replace("\"messages\"", "\"max_tokens\":\""
                + prompt + "\",\"messages\"")).post(base.resolve("/v1/chat/completions")).then().statusCode(400);
        given().headers(alpha).contentType("application/json").body("{\"model\":\"sluice-echo\",\"prompt\":\"" + prompt
                + "\"") .post(base.resolve("/v1/streams")).then().statusCode(400);
        SseClient.readAll(java.net.http.HttpRequest.newBuilder(SseClient.postJson(base.resolve("/v1/streams"),
                "{\"model\":\"sluice-echo\",\"masking\":\"standard\",\"prompt\":\"" + prompt
                        + " card 4111 1111 1111 1111\",\"simulator\":{\"ttft_ms\":0,\"gap_ms\":0}}"), (n, v) -> true)
                .header("Authorization", "Bearer " + TestKeys.ALPHA).build());
        given().header("Authorization", "Bearer " + TestKeys.WRONG).contentType("application/json").body(chat)
                .post(base.resolve("/v1/chat/completions")).then().statusCode(401);
        given().header("x-api-key", TestKeys.WRONG).get(base.resolve("/v1/streams/str_" + "0".repeat(32)))
                .then().statusCode(401);
        given().header("api-key", TestKeys.BRAVO).get(base.resolve("/v1/" + prompt)).then().statusCode(404);
        String slow = "{\"model\":\"sluice-sim\",\"prompt\":\"" + prompt + "\",\"background\":true,"
                + "\"simulator\":{\"ttft_ms\":0,\"gap_ms\":20,\"tokens\":500}}";
        String id = given().headers(TestKeys.bearer(TestKeys.LIMITED_STREAMS)).contentType("application/json")
                .body(slow).post(base.resolve("/v1/streams")).then().statusCode(201).extract().path("id");
        given().headers(TestKeys.bearer(TestKeys.LIMITED_STREAMS)).contentType("application/json").body(slow)
                .post(base.resolve("/v1/streams")).then().statusCode(429);
        given().headers(TestKeys.bearer(TestKeys.LIMITED_STREAMS)).delete(base.resolve("/v1/streams/" + id))
                .then().statusCode(200);
        try (WsClient ws = new WsClient(base, alpha)) {
            ws.send("{\"type\":\"start\",\"id\":\"w\",\"model\":\"sluice-echo\",\"prompt\":\"" + prompt
                    + "\",\"simulator\":{\"ttft_ms\":0,\"gap_ms\":0}}");
            ws.until(f -> f.path("type").asText().equals("done"));
            ws.send("{\"type\":\"start\",\"id\":\"" + prompt + "\",\"model\":\"" + prompt + "\",\"prompt\":\"x\"}");
            assertEquals("rejected", ws.until(f -> f.path("type").asText().equals("rejected")).get(0).path("type")
                    .asText());
            ws.send(prompt + "{not json");
            ws.until(f -> f.path("type").asText().equals("rejected"));
        }
        try {
            new WsClient(base, TestKeys.bearer(TestKeys.WRONG)).close();
        } catch (RuntimeException refused) {
            // 401: expected
        }
    }
}
