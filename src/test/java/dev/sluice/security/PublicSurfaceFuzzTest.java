package dev.sluice.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the public surface: every malformed request gets a well-formed answer below
 * 500 (an error in the API's shape, or a valid success), and the service serves normally after.
 * Override with {@code -Dsluice.fuzz.seed=… -Dsluice.fuzz.count=…}; the seed is printed.
 */
@QuarkusTest
@TestProfile(KeyedProfile.class)
class PublicSurfaceFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long SEED = Long.getLong("sluice.fuzz.seed", 20261124L);
    private static final int HTTP_COUNT = Integer.getInteger("sluice.fuzz.count", 10_000);
    private static final int WS_COUNT = Integer.getInteger("sluice.fuzz.ws-count", 2_000);
    private static final int CONCURRENCY = 6;

    @TestHTTPResource("/")
    URI base;

    @Test
    void malformedHttpRequestsGetWellFormedAnswersBelow500() throws Exception {
        MalformedRequests generator = new MalformedRequests(SEED);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < HTTP_COUNT; i++) {
            MalformedRequests.FuzzRequest request = generator.next();
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body().length == 0 && !request.method().equals("POST")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            inFlight.acquire();
            int number = i;
            client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                try {
                    if (failure != null) {
                        problems.add("#" + number + " " + request.kind() + " " + request.method() + " "
                                + request.path() + " (" + request.body().length + " bytes, " + request.headers().keySet() + "): no response: " + failure);
                    } else {
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        String problem = check(response);
                        if (problem != null) {
                            problems.add("#" + number + " " + request.kind() + " " + request.method() + " "
                                    + abbreviate(request.path()) + " -> " + response.statusCode() + ": " + problem);
                        }
                    }
                } finally {
                    done.incrementAndGet();
                    inFlight.release();
                }
            });
        }
        assertTrue(inFlight.tryAcquire(CONCURRENCY, 120, TimeUnit.SECONDS), "fuzz requests did not finish");
        System.out.printf("fuzz: seed=%d http-requests=%d statuses=%s problems=%d%n", SEED, done.get(),
                new java.util.TreeMap<>(statuses), problems.size());
        assertEquals(HTTP_COUNT, done.get());
        assertEquals(List.of(), problems.stream().limit(20).toList());
        assertNormalRequestSucceeds();
    }

    @Test
    void malformedWebSocketMessagesAreRejectedAndTheConnectionStaysOpen() {
        MalformedRequests generator = new MalformedRequests(SEED + 1);
        int answered = 0;
        try (WsClient ws = new WsClient(base, TestKeys.bearer(TestKeys.ALPHA))) {
            for (int i = 0; i < WS_COUNT; i++) {
                String message = generator.nextWsMessage();
                ws.send(message);
                JsonNode answer = ws.until(f -> f.path("type").asText().equals("rejected")
                        || f.path("type").asText().equals("started")).stream()
                        .filter(f -> f.path("type").asText().equals("rejected")
                                || f.path("type").asText().equals("started"))
                        .findFirst().orElseThrow();
                if (answer.path("type").asText().equals("rejected")) {
                    JsonNode error = answer.path("error");
                    assertTrue(error.path("message").isTextual() && error.path("type").isTextual()
                            && error.path("code").isTextual(), "#" + i + " " + answer);
                    assertTrue(!error.path("type").asText().equals("server_error"), "#" + i + " " + answer);
                }
                answered++;
            }
            ws.socket().sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
            ws.send("{\"type\":\"start\",\"id\":\"after\",\"model\":\"sluice-echo\",\"prompt\":\"still here\"}");
            JsonNode started = ws.until(f -> f.path("id").asText().equals("after")).stream()
                    .filter(f -> f.path("id").asText().equals("after")).findFirst().orElseThrow();
            assertEquals("started", started.path("type").asText());
        }
        System.out.printf("fuzz: seed=%d websocket-messages=%d%n", SEED + 1, answered);
        assertEquals(WS_COUNT, answered);
        assertNormalRequestSucceeds();
    }

    private void assertNormalRequestSucceeds() {
        given().headers(TestKeys.bearer(TestKeys.ALPHA)).contentType("application/json")
                .body("{\"model\":\"sluice-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"all good\"}],"
                        + "\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0}}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(200);
        given().get(base.resolve("/q/health/ready")).then().statusCode(200);
    }

    /** Null when the answer is well-formed; otherwise what is wrong with it. */
    private static String check(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            return "server error " + abbreviate(body);
        }
        if (body.contains("Exception") || body.contains("at java.") || body.contains("dev.sluice.")) {
            return "internal detail in body " + abbreviate(body);
        }
        if (status >= 400) {
            try {
                JsonNode root = MAPPER.readTree(body);
                JsonNode error = root.path("error");
                // Anthropic's shape on its paths: {"type":"error","error":{"type","message","details":{"error_code"}}}
                boolean anthropic = response.uri().getPath().startsWith("/v1/messages");
                JsonNode code = anthropic ? error.path("details").path("error_code") : error.path("code");
                if (!error.path("message").isTextual() || !error.path("type").isTextual() || !code.isTextual()
                        || anthropic && !"error".equals(root.path("type").asText())) {
                    return "not an API error " + abbreviate(body);
                }
            } catch (Exception e) {
                return "error body is not JSON: " + abbreviate(body);
            }
            return null;
        }
        if (type.startsWith("text/event-stream")) {
            return body.contains("data: [DONE]") || body.contains("event: done") || body.contains("event: error")
                    || body.contains("event: message_stop")
                    || body.contains("\"error\"") ? null : "event stream without an end: " + abbreviate(body);
        }
        try {
            MAPPER.readTree(body);
            return type.startsWith("application/json") ? null : "success without JSON content type: " + type;
        } catch (Exception e) {
            return "success body is not JSON: " + abbreviate(body);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
