package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.Streams;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every public endpoint refuses a missing or wrong key with a 401 in the API's error shape and serves a valid one. */
@QuarkusTest
@TestProfile(KeyedProfile.class)
class AuthenticationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STREAM_BODY = """
            {"model":"sluice-echo","prompt":"hello","simulator":{"ttft_ms":0,"gap_ms":0}}""";
    private static final String CHAT_BODY = """
            {"model":"sluice-echo","messages":[{"role":"user","content":"hello"}],"sluice":{"ttft_ms":0,"gap_ms":0}}""";

    @TestHTTPResource("/")
    URI base;

    /** Each endpoint as a call with a given request specification. */
    private List<Endpoint> endpoints(String streamId) {
        return List.of(
                new Endpoint("POST /v1/chat/completions", spec -> spec.contentType("application/json").body(CHAT_BODY)
                        .post(base.resolve("/v1/chat/completions")), 200),
                new Endpoint("GET /v1/models", spec -> spec.get(base.resolve("/v1/models")), 200),
                new Endpoint("POST /v1/streams", spec -> spec.contentType("application/json").body(STREAM_BODY)
                        .post(base.resolve("/v1/streams")), 201),
                new Endpoint("GET /v1/streams/{id}", spec -> spec.get(base.resolve("/v1/streams/" + streamId)), 200),
                new Endpoint("GET /v1/streams/{id}/events",
                        spec -> spec.get(base.resolve("/v1/streams/" + streamId + "/events")), 200),
                new Endpoint("DELETE /v1/streams/{id}", spec -> spec.delete(base.resolve("/v1/streams/" + streamId)),
                        200),
                new Endpoint("GET /v1/nope", spec -> spec.get(base.resolve("/v1/nope")), 404));
    }

    private record Endpoint(String name, Function<RequestSpecification, Response> call, int okStatus) {}

    @Test
    void withoutAKeyEveryEndpointAnswers401MissingApiKey() {
        String id = startAs(TestKeys.ALPHA);
        for (Endpoint endpoint : endpoints(id)) {
            Response response = endpoint.call().apply(given());
            assertUnauthorized(endpoint.name(), response, "missing_api_key");
        }
        RawHttp.Response upgrade = RawHttp.upgrade(base, Map.of());
        assertEquals(401, upgrade.status(), "WebSocket upgrade");
        assertEquals("missing_api_key", json(upgrade.body()).at("/error/code").asText());
        assertTrue(upgrade.header("WWW-Authenticate").startsWith("Bearer"));
    }

    @Test
    void withAWrongKeyInAnyHeaderEveryEndpointAnswers401InvalidApiKey() {
        String id = startAs(TestKeys.ALPHA);
        List<Map<String, String>> wrongs = List.of(TestKeys.bearer(TestKeys.WRONG), Map.of("api-key", TestKeys.WRONG),
                Map.of("x-api-key", TestKeys.WRONG), Map.of("Authorization", "Basic " + TestKeys.ALPHA));
        for (Map<String, String> wrong : wrongs) {
            for (Endpoint endpoint : endpoints(id)) {
                Response response = endpoint.call().apply(given().headers(wrong));
                assertUnauthorized(endpoint.name() + " " + wrong.keySet(), response, "invalid_api_key");
            }
            RawHttp.Response upgrade = RawHttp.upgrade(base, wrong);
            assertEquals(401, upgrade.status(), "WebSocket upgrade " + wrong.keySet());
            assertEquals("invalid_api_key", json(upgrade.body()).at("/error/code").asText());
            assertFalse(upgrade.body().contains(TestKeys.WRONG));
        }
        CompletionException refused = assertThrows(CompletionException.class,
                () -> new WsClient(base, TestKeys.bearer(TestKeys.WRONG)));
        assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    @Test
    void withAValidKeyInAnyHeaderEveryEndpointWorks() {
        List<Map<String, String>> valids = List.of(TestKeys.bearer(TestKeys.ALPHA), Map.of("api-key", TestKeys.ALPHA),
                Map.of("x-api-key", TestKeys.ALPHA), Map.of("Authorization", "bearer " + TestKeys.ALPHA));
        for (Map<String, String> valid : valids) {
            String id = startAs(TestKeys.ALPHA);
            awaitEnd(id, TestKeys.ALPHA);
            for (Endpoint endpoint : endpoints(id)) {
                Response response = endpoint.call().apply(given().headers(valid));
                assertEquals(endpoint.okStatus(), response.statusCode(), endpoint.name() + " " + valid.keySet());
            }
        }
        given().headers(TestKeys.bearer(TestKeys.ALPHA)).get(base.resolve("/v1/models"))
                .then().statusCode(200).body("data.id", hasItem("sluice-sim"));
        try (WsClient ws = new WsClient(base, TestKeys.bearer(TestKeys.ALPHA))) {
            ws.send("""
                    {"type":"start","id":"c1","model":"sluice-echo","prompt":"hi there","simulator":{"ttft_ms":0,"gap_ms":0}}""");
            assertEquals("started", ws.next().path("type").asText());
            List<JsonNode> frames = ws.until(f -> f.path("type").asText().equals("done"));
            assertEquals("stop", frames.get(frames.size() - 1).path("finishReason").asText());
        }
    }

    @Test
    void aKeyFromTheKeyFileWorksAndIsLimitedToItsModels() {
        Map<String, String> key = TestKeys.bearer(TestKeys.FROM_FILE);
        given().headers(key).contentType("application/json").body(STREAM_BODY).post(base.resolve("/v1/streams"))
                .then().statusCode(201);
        given().headers(key).contentType("application/json")
                .body("{\"model\":\"test-script\",\"prompt\":\"x\"}").post(base.resolve("/v1/streams"))
                .then().statusCode(404).body("error.code", equalTo("model_not_found"))
                .body("error.message", startsWith("The model 'test-script' does not exist or you do not have access"));
    }

    @Test
    void aKeysMaskingProfileAppliesWhenTheRequestNamesNone() {
        String prompt = "mail jane@example.com";
        String byDefault = given().headers(TestKeys.bearer(TestKeys.CAPPED)).contentType("application/json")
                .body("{\"model\":\"sluice-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                        + "\"}],\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0}}")
                .post(base.resolve("/v1/chat/completions")).then().statusCode(200).extract()
                .path("choices[0].message.content");
        assertEquals("mail [EMAIL]", byDefault);
        String chosen = given().headers(TestKeys.bearer(TestKeys.CAPPED)).contentType("application/json")
                .body("{\"model\":\"sluice-echo\",\"masking\":\"off\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"" + prompt + "\"}],\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0}}")
                .post(base.resolve("/v1/chat/completions")).then().statusCode(200).extract()
                .path("choices[0].message.content");
        assertEquals(prompt, chosen);
    }

    @Test
    void readinessSaysKeysAreRequired() {
        given().get(base.resolve("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'sluice-auth' }.data.auth", equalTo("keys"))
                .body("checks.find { it.name == 'sluice-auth' }.data.keys", equalTo(7));
    }

    private void assertUnauthorized(String name, Response response, String code) {
        assertEquals(401, response.statusCode(), name);
        assertTrue(response.header("WWW-Authenticate").startsWith("Bearer"), name);
        JsonNode error = json(response.asString()).path("error");
        assertEquals(code, error.path("code").asText(), name);
        assertEquals("invalid_request_error", error.path("type").asText(), name);
        assertTrue(error.path("message").asText().contains("API key"), name);
        assertFalse(response.asString().contains("PLANTED"), name);
    }

    private String startAs(String key) {
        return given().headers(TestKeys.bearer(key)).contentType("application/json").body(STREAM_BODY)
                .post(base.resolve("/v1/streams")).then().statusCode(201).extract().path("id");
    }

    private void awaitEnd(String id, String key) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> !"running".equals(given().headers(TestKeys.bearer(key))
                        .get(base.resolve("/v1/streams/" + id)).then().statusCode(200).extract().path("status")));
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
