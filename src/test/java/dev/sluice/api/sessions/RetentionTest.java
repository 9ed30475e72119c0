package dev.sluice.api.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.audit.AuditStore;
import dev.sluice.session.SessionStore;
import dev.sluice.stream.journal.StreamJournal;
import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Retention through the public surface and the stores behind it: each policy keeps exactly
 * what it allows, the purge removes everything once the TTL passed, and DELETE erases at once.
 * The test profile's audit key is {@code test-audit-key}; its purge runs every second.
 */
@QuarkusTest
class RetentionTest {

    private static final String PROMPT = "mail jane@example.com please";
    private static final String REPLY = "write to bob@example.org now";
    /** Short, yet long enough that a loaded machine still starts the turn before the session expires. */
    private static final int SHORT_TTL = 3;

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionStore sessions;

    @Inject
    AuditStore audit;

    @Inject
    StreamJournal journal;

    private String turn(String session) {
        String id = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + session + "\",\"prompt\":\""
                + PROMPT + "\",\"simulator\":{\"script\":\"" + REPLY + "\",\"chunk\":3}}");
        Streams.awaitEnd(base, id);
        // The generation's records are written once its end is seen: its audit record is the last.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(base.resolve("/v1/sessions/"
                + session + "/audit")).jsonPath().getList("data.kind").contains("generation")
                || "none".equals(SessionsTest.session(base, session).getString("retention")));
        return id;
    }

    private static String create(URI base, String retention, int ttl) {
        return SessionsTest.createSession(base, "{\"masking\":\"keep-all\",\"retention\":\"" + retention
                + "\",\"ttl_seconds\":" + ttl + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "metadata", "redacted", "full"})
    void eachPolicyKeepsExactlyWhatItAllows(String retention) throws Exception {
        String session = create(base, retention, 600);
        String streamId = turn(session);
        JsonPath doc = SessionsTest.session(base, session);
        JsonPath records = given().get(base.resolve("/v1/sessions/" + session + "/audit")).then().statusCode(200)
                .extract().jsonPath();
        String stored = doc.prettify() + records.prettify();
        assertFalse(stored.contains("bob@example.org"), stored);
        switch (retention) {
            case "none" -> {
                assertEquals(List.of(), doc.getList("history"));
                assertEquals(List.of(), records.getList("data"));
            }
            case "metadata" -> {
                assertEquals(List.of("user", "assistant"), doc.getList("history.role"));
                assertNull(doc.get("history[0].content"));
                assertNull(doc.get("history[1].content"));
                assertEquals(fingerprint("mail jane@example.com please"), doc.getString("history[0].fingerprint"));
                assertTrue(doc.getInt("history[0].tokens") > 0);
            }
            case "redacted" -> assertEquals(List.of("mail [EMAIL] please", "write to [EMAIL] now"),
                    doc.getList("history.content"));
            case "full" -> assertEquals(List.of(PROMPT, "write to [EMAIL] now"), doc.getList("history.content"));
            default -> throw new IllegalArgumentException(retention);
        }
        if (!retention.equals("full")) {
            assertFalse(stored.contains("jane@example.com"), stored);
        }
        if (retention.equals("none")) {
            return;
        }
        // The prompt's e-mail (masked before it went upstream, no seq), the reply's (seq of its event), the generation.
        assertEquals(List.of("intervention", "intervention", "generation"), records.getList("data.kind"));
        for (int i = 0; i < 2; i++) {
            Map<String, Object> intervention = records.getMap("data[" + i + "]");
            assertEquals("email", intervention.get("detector"));
            assertEquals("mask", intervention.get("action"));
            assertEquals(streamId, intervention.get("streamId"));
        }
        assertNull(records.get("data[0].seq"));
        assertTrue(records.getInt("data[1].seq") > 0);
        Map<String, Object> generation = records.getMap("data[2]");
        assertEquals(session, generation.get("session"));
        assertEquals("test-script", generation.get("model"));
        assertEquals("scripted", generation.get("provider"));
        assertEquals("stop", generation.get("outcome"));
        assertEquals(fingerprintOfMessages("user", PROMPT), generation.get("promptFingerprint"));
        assertEquals(Map.of("email:mask", 2), generation.get("redactions"));
        assertTrue(((Number) generation.get("completionTokens")).intValue() > 0);
        assertTrue(((Number) generation.get("promptTokens")).intValue() > 0);
        assertTrue(records.getInt("data[2].timings.textEvents") > 0);
        assertEquals(retention.equals("full") ? "user: " + PROMPT : null, generation.get("prompt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "metadata", "redacted", "full"})
    void afterTheTtlThePurgeLeavesNothing(String retention) {
        String session = create(base, retention, SHORT_TTL);
        String streamId = turn(session);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> journal.events(streamId).await().indefinitely().isEmpty());
        given().get(base.resolve("/v1/sessions/" + session)).then().statusCode(404)
                .body("error.code", equalTo("session_not_found"));
        assertEquals(Optional.empty(), sessions.find(session).await().indefinitely());
        assertEquals(List.of(), audit.listBySession(session).await().indefinitely());
        assertEquals(0L, audit.deleteBySession(session).await().indefinitely(), "the purge removed the records");
        given().get(base.resolve("/v1/streams/" + streamId)).then().statusCode(404);
    }

    @Test
    void aPromptRefusedByABlockDetectorIsAudited() throws Exception {
        String session = SessionsTest.createSession(base, "{\"masking\":\"blocking\",\"retention\":\"metadata\"}");
        String prompt = "my card is 4242 4242 4242 4242";
        given().contentType("application/json").body("{\"model\":\"test-script\",\"session\":\"" + session
                        + "\",\"prompt\":\"" + prompt + "\"}")
                .post(base.resolve("/v1/streams")).then().statusCode(400).body("error.code", equalTo("policy_violation"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().get(base.resolve("/v1/sessions/"
                + session + "/audit")).jsonPath().getList("data").size() == 2);
        JsonPath records = given().get(base.resolve("/v1/sessions/" + session + "/audit")).jsonPath();
        assertFalse(records.prettify().contains("4242"), records.prettify());
        assertEquals(List.of("intervention", "generation"), records.getList("data.kind"));
        assertEquals("card", records.getString("data[0].detector"));
        assertEquals("block", records.getString("data[0].action"));
        assertEquals("policy_violation", records.getString("data[1].outcome"));
        assertNull(records.get("data[1].streamId"));
        assertEquals(fingerprintOfMessages("user", prompt), records.getString("data[1].promptFingerprint"));
        assertEquals(List.of(), SessionsTest.session(base, session).getList("history"));
    }

    @Test
    void deleteErasesHistoryJournalsAndAuditAtOnce() {
        String session = create(base, "redacted", 600);
        String done = turn(session);
        String running = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + session
                + "\",\"prompt\":\"more\",\"background\":true,\"simulator\":{\"script\":\"slow answer\",\"gap_ms\":200}}");
        given().delete(base.resolve("/v1/sessions/" + session)).then().statusCode(200)
                .body("id", equalTo(session)).body("object", equalTo("session.deleted")).body("deleted", equalTo(true));
        given().get(base.resolve("/v1/sessions/" + session)).then().statusCode(404);
        given().get(base.resolve("/v1/sessions/" + session + "/audit")).then().statusCode(404);
        given().delete(base.resolve("/v1/sessions/" + session)).then().statusCode(404);
        for (String stream : List.of(done, running)) {
            given().get(base.resolve("/v1/streams/" + stream)).then().statusCode(404);
            assertEquals(Optional.empty(), journal.events(stream).await().indefinitely());
        }
        assertEquals(Optional.empty(), sessions.find(session).await().indefinitely());
        assertEquals(List.of(), audit.listBySession(session).await().indefinitely());
        // The cancelled generation's end, seen after the erasure, writes nothing back.
        Awaitility.await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> audit.listBySession(session).await().indefinitely().isEmpty());
    }

    @Test
    void metricsCountSessionsPurgesBlocksAndHoldBackWithoutIds() {
        String session = create(base, "metadata", SHORT_TTL);
        String streamId = turn(session);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> journal.events(streamId).await().indefinitely().isEmpty());
        dev.sluice.testing.SseClient.readAll(dev.sluice.testing.SseClient.postJson(base.resolve("/v1/streams"),
                "{\"model\":\"test-script\",\"masking\":\"blocking\",\"prompt\":\"x\","
                        + "\"simulator\":{\"script\":\"pay 4242 4242 4242 4242\",\"chunk\":1}}"));
        String metrics = given().get(base.resolve("/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metric(metrics, "sluice_retention_purged_total{kind=\"session\"}") >= 1, metrics);
        assertTrue(metric(metrics, "sluice_retention_purged_total{kind=\"audit_record\"}") >= 2, metrics);
        assertTrue(metric(metrics, "sluice_retention_purges_total") >= 1, metrics);
        assertTrue(metric(metrics, "sluice_sessions_created_total") >= 1, metrics);
        assertTrue(metrics.contains("sluice_sessions_active "), metrics);
        assertTrue(metric(metrics, "sluice_streams_blocked_total{detector=\"card\"}") >= 1, metrics);
        assertTrue(metric(metrics, "sluice_redactions_total{action=\"mask\",detector=\"email\"}") >= 1, metrics);
        assertTrue(metric(metrics, "sluice_redactor_holdback_seconds_count") >= 1, metrics);
        assertTrue(metric(metrics, "sluice_audit_records_total{kind=\"generation\"}") >= 1, metrics);
        assertFalse(metrics.contains(session) || metrics.contains(streamId), "no ids in metrics");
    }

    /** The value of a Prometheus sample, by its name and labels exactly as exposed. */
    private static double metric(String exposition, String sample) {
        return exposition.lines().filter(l -> l.startsWith(sample + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(sample.length() + 1).trim())).orElse(-1.0);
    }

    private static String fingerprint(String text) throws Exception {
        return "hmac-sha256:" + HexFormat.of().formatHex(mac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String fingerprintOfMessages(String role, String content) throws Exception {
        Mac mac = mac();
        mac.update(role.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(content.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal());
    }

    private static Mac mac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-audit-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac;
    }
}
