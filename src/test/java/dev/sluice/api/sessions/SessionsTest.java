package dev.sluice.api.sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.provider.ChatMessage;
import dev.sluice.testing.ScriptedProvider;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.Streams;
import dev.sluice.testing.WsClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Sessions through the public surface: history across turns, the context budget, regenerate, the header. */
@QuarkusTest
class SessionsTest {

    private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @TestHTTPResource("/")
    URI base;

    static String createSession(URI base, String body) {
        return given().contentType("application/json").body(body).post(base.resolve("/v1/sessions"))
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath session(URI base, String id) {
        return given().get(base.resolve("/v1/sessions/" + id)).then().statusCode(200).extract().jsonPath();
    }

    /** One turn in the session on /v1/streams with a scripted reply; returns the stream's final status. */
    private JsonPath turn(String session, String user, String reply) {
        String id = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + session + "\",\"prompt\":\""
                + user + "\",\"simulator\":{\"script\":\"" + reply + "\",\"chunk\":4}}");
        JsonPath status = Streams.awaitEnd(base, id);
        awaitHistory(session, id);
        return status;
    }

    private void awaitHistory(String session, String streamId) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                session(base, session).getList("history.stream_id").contains(streamId));
    }

    @Test
    void historyGrowsAcrossTurnsAndGoesUpstreamAfterTheSystemMessage() {
        String id = createSession(base, "{\"system\":\"You are terse.\"}");
        JsonPath created = session(base, id);
        assertEquals("session", created.getString("object"));
        assertEquals("redacted", created.getString("retention"));
        assertEquals(List.of(), created.getList("history"));

        turn(id, "first question", "first answer");
        turn(id, "second question", "second answer");
        JsonPath after = session(base, id);
        assertEquals(List.of("user", "assistant", "user", "assistant"), after.getList("history.role"));
        assertEquals(List.of("first question", "first answer", "second question", "second answer"),
                after.getList("history.content"));
        assertEquals(null, after.getString("active_stream"), "nothing runs once the turns ended");
        assertEquals(2, after.getList("streams").size());

        // The transcript provider answers with what it received: system, history, then the new turn.
        String streamId = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + id
                + "\",\"prompt\":\"third\",\"simulator\":{\"transcript\":true,\"chunk\":7}}");
        assertEquals("system: You are terse.\nuser: first question\nassistant: first answer\n"
                + "user: second question\nassistant: second answer\nuser: third",
                Streams.awaitEnd(base, streamId).getString("text"));
        assertEquals(id, Streams.status(base, streamId).getString("session"));
    }

    @Test
    void pruningKeepsTheSystemMessageAndTheNewestTurnsWithinTheBudget() {
        String system = "Answer in one word.";
        List<ChatMessage> history = new ArrayList<>();
        // A budget that holds the system message, the new turn and about three history messages.
        String user = "question number %d about the weather";
        String reply = "answer number %d";
        int budget = cost(system) + cost(user.formatted(9)) + cost(reply.formatted(3)) + cost(user.formatted(3))
                + cost(reply.formatted(2)) + 2;
        String id = createSession(base, "{\"system\":\"" + system + "\",\"context_budget\":" + budget + "}");
        for (int i = 1; i <= 3; i++) {
            turn(id, user.formatted(i), reply.formatted(i));
            history.add(new ChatMessage("user", user.formatted(i)));
            history.add(new ChatMessage("assistant", reply.formatted(i)));
        }
        String streamId = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + id + "\",\"prompt\":\""
                + user.formatted(9) + "\",\"simulator\":{\"script\":\"ok\"}}");
        Streams.awaitEnd(base, streamId);
        List<ChatMessage> sent = ScriptedProvider.LAST_BY_SESSION.get(id).messages();
        List<ChatMessage> expected = new ArrayList<>();
        expected.add(ChatMessage.system(system));
        expected.addAll(history.subList(history.size() - 3, history.size()));
        expected.add(ChatMessage.user(user.formatted(9)));
        assertEquals(expected, sent);
        int total = sent.stream().mapToInt(m -> cost(m.content())).sum();
        assertTrue(total <= budget, total + " > " + budget);
        assertTrue(total + cost(history.get(history.size() - 4).content()) > budget, "the next older turn would not fit");
        // The stored history keeps every turn; only what goes upstream is pruned.
        assertEquals(8, session(base, id).getList("history").size());
    }

    @Test
    void aTurnThatCannotFitEvenAloneIsA400WithTheNumbers() {
        String system = "Be helpful.";
        String id = createSession(base, "{\"system\":\"" + system + "\",\"context_budget\":20}");
        String prompt = "this prompt is much too long for a budget of twenty tokens, far too long indeed";
        int needed = cost(system) + cost(prompt);
        given().contentType("application/json").header("X-Sluice-Session", id)
                .body("{\"model\":\"test-script\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("context_length_exceeded"))
                .body("error.param", equalTo("messages"))
                .body("error.message", equalTo("The newest turn needs " + needed + " tokens with the session's "
                        + "system message, but the session's context budget is 20 tokens. Send a shorter message or "
                        + "create the session with a larger context_budget."));
        assertEquals(List.of(), session(base, id).getList("history"));
    }

    @Test
    void regenerateCancelsTheRunningStream() {
        String id = createSession(base, "{}");
        String slow = "{\"model\":\"test-script\",\"session\":\"" + id + "\",\"prompt\":\"tell me\","
                + "\"background\":true,\"simulator\":{\"script\":\"a long slow answer\",\"chunk\":1,\"gap_ms\":100}}";
        String first = Streams.start(base, slow);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> first.equals(session(base, id).getString("active_stream")));
        String second = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + id
                + "\",\"prompt\":\"tell me\",\"simulator\":{\"script\":\"short\"}}");
        List<SseEvent> firstEvents = SseClient.get(base.resolve("/v1/streams/" + first + "/events"), Map.of());
        SseEvent last = firstEvents.get(firstEvents.size() - 1);
        assertEquals("done", last.event());
        assertEquals("cancelled", last.json().path("finishReason").asText());
        assertEquals("cancelled", Streams.awaitEnd(base, first).getString("status"));
        assertEquals("short", Streams.awaitEnd(base, second).getString("text"));
        awaitHistory(id, second);
        // The cancelled generation left no turn; the regenerated one did.
        assertEquals(List.of("tell me", "short"), session(base, id).getList("history.content"));
        assertEquals(List.of(first, second), session(base, id).getList("streams"));
    }

    @Test
    void theHeaderAndTheWebSocketFieldNameTheSession() throws Exception {
        String id = createSession(base, "{}");
        given().contentType("application/json").header("X-Sluice-Session", id)
                .body("{\"model\":\"test-script\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"sluice\":{\"script\":\"hello\"}}")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(200).body("choices[0].message.content", equalTo("hello"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> session(base, id).getList("history").size() == 2);
        try (WsClient ws = new WsClient(base, Map.of())) {
            ws.send("{\"type\":\"start\",\"id\":\"r1\",\"model\":\"test-script\",\"session\":\"" + id
                    + "\",\"prompt\":\"again\",\"simulator\":{\"script\":\"bye\"}}");
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> session(base, id).getList("history").size() == 4);
        }
        assertEquals(List.of("hi", "hello", "again", "bye"), session(base, id).getList("history.content"));
    }

    @Test
    void historyKeptInFullIsStillMaskedBeforeItGoesUpstream() {
        String id = createSession(base, "{\"masking\":\"keep-all\",\"retention\":\"full\",\"system\":\"card 4242 4242 4242 4242\"}");
        turn(id, "mail jane@example.com", "noted");
        assertEquals("mail jane@example.com", session(base, id).getString("history[0].content"));
        String streamId = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + id
                + "\",\"prompt\":\"and bob@example.org\",\"simulator\":{\"transcript\":true}}");
        String expected = "system: card [CARD]\nuser: mail [EMAIL]\nassistant: noted\nuser: and [EMAIL]";
        assertEquals(expected, Streams.awaitEnd(base, streamId).getString("text"));
        assertEquals(List.of(ChatMessage.system("card [CARD]"), ChatMessage.user("mail [EMAIL]"),
                new ChatMessage("assistant", "noted"), ChatMessage.user("and [EMAIL]")),
                ScriptedProvider.LAST_BY_SESSION.get(id).messages());
    }

    private static int cost(String content) {
        return O200K.countTokens(content) + 3;
    }
}
