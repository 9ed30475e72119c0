package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each input limit of {@link KeyedProfile} answers its 4xx, and the service stays healthy after it. */
@QuarkusTest
@TestProfile(KeyedProfile.class)
class InputLimitsTest {

    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void stillHealthy() {
        given().get(base.resolve("/q/health/ready")).then().statusCode(200);
        given().headers(TestKeys.bearer(TestKeys.ALPHA)).get(base.resolve("/v1/models")).then().statusCode(200);
    }

    @Test
    void bodyLargerThanTheLimitIs413() {
        String body = "{\"model\":\"sluice-echo\",\"prompt\":\"" + "a".repeat(KeyedProfile.MAX_BODY_BYTES) + "\"}";
        Response response = post(TestKeys.ALPHA, "/v1/streams", body);
        assertError(response, 413, "request_too_large");
    }

    @Test
    void tooManyMessagesIs400() {
        String messages = "{\"role\":\"user\",\"content\":\"x\"},".repeat(51);
        Response response = post(TestKeys.ALPHA, "/v1/chat/completions",
                "{\"model\":\"sluice-echo\",\"messages\":[" + messages.substring(0, messages.length() - 1) + "]}");
        assertError(response, 400, "too_many_messages");
    }

    @Test
    void aMessageOrPromptWithTooManyCharactersIs400() {
        String big = "b".repeat(KeyedProfile.MAX_MESSAGE_CHARS + 1);
        Response chat = post(TestKeys.ALPHA, "/v1/chat/completions",
                "{\"model\":\"sluice-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]}");
        assertError(chat, 400, "string_above_max_length");
        assertEquals("messages[0].content", chat.jsonPath().getString("error.param"));
        assertEquals("'messages[0].content' has 2001 characters; at most 2000 are allowed.",
                chat.jsonPath().getString("error.message"));
        Response prompt = post(TestKeys.ALPHA, "/v1/streams", "{\"model\":\"sluice-echo\",\"prompt\":\"" + big + "\"}");
        assertError(prompt, 400, "string_above_max_length");
        String fits = "c".repeat(KeyedProfile.MAX_MESSAGE_CHARS);
        assertEquals(201, post(TestKeys.ALPHA, "/v1/streams",
                "{\"model\":\"sluice-echo\",\"prompt\":\"" + fits + "\"}").statusCode());
    }

    @Test
    void maxTokensAboveTheKeysCeilingIs400AndAbsentMeansTheCeiling() {
        Response above = post(TestKeys.CAPPED, "/v1/chat/completions",
                "{\"model\":\"sluice-echo\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertError(above, 400, "invalid_value");
        assertEquals("'max_tokens' must be at most 8 for this API key.", above.jsonPath().getString("error.message"));
        Response capped = post(TestKeys.CAPPED, "/v1/chat/completions", "{\"model\":\"sluice-echo\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"one two three four five six seven eight nine ten eleven twelve\"}],"
                + "\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0}}");
        assertEquals(200, capped.statusCode(), capped.asString());
        assertEquals(8, capped.jsonPath().getInt("usage.completion_tokens"));
        assertEquals("length", capped.jsonPath().getString("choices[0].finish_reason"));
        Response otherModel = post(TestKeys.CAPPED, "/v1/chat/completions",
                "{\"model\":\"sluice-sim\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertError(otherModel, 404, "model_not_found");
    }

    @Test
    void headersLargerThanTheLimitAreRefusedWithoutA5xx() {
        RawHttp.Response response = RawHttp.send(base, "GET", "/v1/models",
                Map.of("Authorization", "Bearer " + TestKeys.ALPHA, "X-Padding", "p".repeat(5000)));
        assertEquals(431, response.status());
    }

    @Test
    void aWebSocketMessageLargerThanTheLimitClosesThatConnectionWith1009() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + TestKeys.ALPHA)
                .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/v1/ws"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket ws, Throwable error) {
                                closed.complete(-1);
                            }
                        }).join();
        socket.sendText("{\"type\":\"start\",\"prompt\":\"" + "d".repeat(KeyedProfile.MAX_WS_MESSAGE) + "\"}", true);
        assertEquals(1009, closed.get(30, TimeUnit.SECONDS));
        try (WsClient ws = new WsClient(base, TestKeys.bearer(TestKeys.ALPHA))) {
            ws.send("{\"type\":\"start\",\"id\":\"ok\",\"model\":\"sluice-echo\",\"prompt\":\"fine\"}");
            assertEquals("started", ws.next().path("type").asText());
        }
    }

    @Test
    void aWebSocketConnectionFollowsAtMostTheConfiguredNumberOfStreams() {
        try (WsClient ws = new WsClient(base, TestKeys.bearer(TestKeys.ALPHA))) {
            String slow = "\"model\":\"sluice-sim\",\"prompt\":\"go\",\"simulator\":{\"ttft_ms\":0,\"gap_ms\":50,\"tokens\":2000}";
            ws.send("{\"type\":\"start\",\"id\":\"s1\"," + slow + "}");
            ws.send("{\"type\":\"start\",\"id\":\"s2\"," + slow + "}");
            ws.send("{\"type\":\"start\",\"id\":\"s3\"," + slow + "}");
            JsonNode rejected = ws.until(f -> f.path("type").asText().equals("rejected")).stream()
                    .filter(f -> f.path("type").asText().equals("rejected")).findFirst().orElseThrow();
            assertEquals("s3", rejected.path("id").asText());
            assertEquals("too_many_streams", rejected.at("/error/code").asText());
            ws.send("{\"type\":\"start\",\"id\":\"s4\"," + slow + "}");
            JsonNode again = ws.until(f -> f.path("type").asText().equals("rejected")).stream()
                    .filter(f -> f.path("type").asText().equals("rejected")).findFirst().orElseThrow();
            assertEquals("s4", again.path("id").asText(), "the connection stays open");
        }
    }

    @Test
    void aConnectionThatStopsSendingMidRequestIsClosedByTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
                while (read >= 0) {
                    read = in.read();
                }
            } catch (SocketException reset) {
                read = -1;
            }
            assertEquals(-1, read, "the server closed the connection");
        }
    }

    @Test
    void unknownPathsAndWrongMethodsUnderV1AnswerInTheErrorShape() {
        Response wrongMethod = given().headers(TestKeys.bearer(TestKeys.ALPHA))
                .get(base.resolve("/v1/chat/completions"));
        assertError(wrongMethod, 405, "method_not_allowed");
        Response unknown = given().headers(TestKeys.bearer(TestKeys.ALPHA)).get(base.resolve("/v1/nope"));
        assertError(unknown, 404, "unknown_url");
        Response put = given().headers(TestKeys.bearer(TestKeys.ALPHA)).put(base.resolve("/v1/streams"));
        assertError(put, 405, "method_not_allowed");
        Response patch = given().headers(TestKeys.bearer(TestKeys.ALPHA))
                .patch(base.resolve("/v1/streams/str_" + "a".repeat(32)));
        assertError(patch, 405, "method_not_allowed");
        Response deep = given().headers(TestKeys.bearer(TestKeys.ALPHA)).get(base.resolve("/v1/streams/x/y/z"));
        assertError(deep, 404, "unknown_url");
        assertError(given().get(base.resolve("/v1/nope")), 401, "missing_api_key");
        // Outside /v1 the framework's own answers are untouched.
        assertEquals(404, RawHttp.send(base, "GET", "/nope", Map.of()).status());
    }

    @Test
    void corsAllowsOnlyTheConfiguredOriginAndTheWebSocketChecksTheSameList() {
        given().header("Origin", KeyedProfile.ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .options(base.resolve("/v1/chat/completions"))
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(KeyedProfile.ALLOWED_ORIGIN));
        Response foreign = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options(base.resolve("/v1/chat/completions"));
        assertFalse(KeyedProfile.ALLOWED_ORIGIN.equals(foreign.header("Access-Control-Allow-Origin")));
        assertTrue(foreign.header("Access-Control-Allow-Origin") == null, foreign.headers().toString());

        Map<String, String> key = TestKeys.bearer(TestKeys.ALPHA);
        // Quarkus's CORS filter refuses the foreign origin before the upgrade (WebSocketOriginCheck
        // does the same when the filter is off).
        assertEquals(403, RawHttp.upgrade(base, merge(key, "Origin", "https://evil.example")).status());
        assertEquals(101, RawHttp.upgrade(base, merge(key, "Origin", KeyedProfile.ALLOWED_ORIGIN)).status());
        assertEquals(101, RawHttp.upgrade(base, key).status(), "clients that send no Origin are not affected");
    }

    private static Map<String, String> merge(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private Response post(String key, String path, String body) {
        return given().headers(TestKeys.bearer(key)).contentType("application/json").body(body)
                .post(base.resolve(path));
    }

    static void assertError(Response response, int status, String code) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(code, response.jsonPath().getString("error.code"), response.asString());
        String type = response.jsonPath().getString("error.type");
        assertTrue(type.equals("invalid_request_error") || type.equals("rate_limit_error"), type);
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertFalse(response.asString().contains("Exception") || response.asString().contains("java."),
                response.asString());
    }
}
