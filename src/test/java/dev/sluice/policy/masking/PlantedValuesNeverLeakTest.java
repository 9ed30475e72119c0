package dev.sluice.policy.masking;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testing.CapturingLogHandler;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The property of issue 4 through the public surface, over a seeded generator: random text with
 * planted values of every built-in detector, in the prompt and in the reply, cut into random
 * byte-level tokens (splits inside the planted values too), streamed in sessions of every
 * retention that masks. The streamed text equals the whole-text redaction, and no planted value
 * appears in any event, stream status, stored history, audit record, log line or metric.
 */
@QuarkusTest
class PlantedValuesNeverLeakTest {

    private static final long SEED = 20261201L;
    private static final int CASES = 200;
    private static final List<String> PLANTED = StreamingRedactorPropertyTest.PLANTED.stream()
            // The custom pattern and terms of the unit test are not in the shipped "standard" profile.
            .filter(p -> !List.of("EMP-123456", "Project Falcon", "ACME").contains(p)).toList();
    private static final List<String> WORDS = List.of("the", "quick", "brown", "fox", "Hello", "world", "email",
            "call", "card", "key", "token", "at", "is", "naïve", "façade", "日本語", "🙂", "(see", "below)", "\"quoted\"",
            "it's", "e.g.", "1.5", "v2", "2024", "42", "10:30", "+", "-", "@", "#tag", "sk", "eyJ", "AKIA", "Bearer");
    private static final List<String> SEPARATORS = List.of(" ", " ", ", ", ". ", "\n", "; ", ": ");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Inject
    MaskingProfiles profiles;

    @Test
    void plantedValuesNeverLeaveTheRedactor() throws Exception {
        Random random = new Random(SEED);
        MaskingProfile standard = profiles.profile("standard");
        CapturingLogHandler capture = CapturingLogHandler.onRoot();
        List<String> sessions = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        try {
            for (int i = 0; i < CASES; i++) {
                String retention = i % 2 == 0 ? "redacted" : "metadata";
                String session = given().contentType("application/json")
                        .body("{\"masking\":\"standard\",\"retention\":\"" + retention + "\"}")
                        .post(base.resolve("/v1/sessions")).then().statusCode(201).extract().path("id");
                sessions.add(session);
                String reply = document(random);
                String prompt = document(random);
                int chunk = 1 + random.nextInt(12);
                List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"),
                        "{\"model\":\"test-script\",\"session\":\"" + session + "\",\"prompt\":"
                                + JSON.writeValueAsString(prompt) + ",\"simulator\":{\"script\":"
                                + JSON.writeValueAsString(reply) + ",\"chunk\":" + chunk + "}}"));
                StringBuilder text = new StringBuilder();
                for (SseEvent e : events) {
                    assertNoPlanted("case " + i + " event", e.data());
                    if (e.event().equals("delta")) {
                        text.append(e.json().path("text").asText());
                    }
                }
                assertEquals(standard.redactAll(reply).text(), text.toString(), "case " + i + ", chunk " + chunk);
                String streamId = events.get(0).json().path("streamId").asText();
                streams.add(streamId);
                assertNoPlanted("case " + i + " status",
                        given().get(base.resolve("/v1/streams/" + streamId)).then().statusCode(200).extract().asString());
            }
            for (int i = 0; i < CASES; i++) {
                String session = sessions.get(i);
                String streamId = streams.get(i);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given()
                        .get(base.resolve("/v1/sessions/" + session + "/audit")).jsonPath()
                        .getList("data.streamId").contains(streamId));
                String doc = given().get(base.resolve("/v1/sessions/" + session)).then().statusCode(200)
                        .extract().asString();
                assertTrue(doc.contains(streamId), "the turn is in the history");
                assertNoPlanted("session " + i, doc);
                assertNoPlanted("audit " + i, given().get(base.resolve("/v1/sessions/" + session + "/audit"))
                        .then().statusCode(200).extract().asString());
            }
        } finally {
            capture.close();
        }
        String log = capture.text();
        assertTrue(log.contains("\"kind\":\"generation\""), "the capture sees the audit log");
        assertNoPlanted("log", log);
        assertNoPlanted("metrics", given().get(base.resolve("/q/metrics")).then().statusCode(200).extract().asString());
    }

    private static void assertNoPlanted(String where, String text) {
        for (String planted : PLANTED) {
            assertFalse(text.contains(planted), where + " contains '" + planted + "':\n" + text);
        }
    }

    /** Words, numbers and 1-3 planted values between random separators. */
    private static String document(Random random) {
        StringBuilder out = new StringBuilder();
        int pieces = 3 + random.nextInt(20);
        int planted = 1 + random.nextInt(3);
        List<Integer> at = new ArrayList<>();
        for (int p = 0; p < planted; p++) {
            at.add(random.nextInt(pieces));
        }
        for (int p = 0; p < pieces; p++) {
            String token = at.contains(p) ? PLANTED.get(random.nextInt(PLANTED.size()))
                    : random.nextInt(6) == 0 ? String.valueOf(random.nextInt(100000))
                    : WORDS.get(random.nextInt(WORDS.size()));
            out.append(' ').append(token).append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
        }
        return out.toString();
    }
}
