package dev.sluice.api.sessions;

import static dev.sluice.api.sessions.SessionsTest.createSession;
import static dev.sluice.api.sessions.SessionsTest.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session's history keeps tool calls and the tool turns that answer them, as retention allows. */
@QuarkusTest
class SessionToolTurnsTest {

    private static final String HISTORY = """
            [{"role":"user","content":"weather?"},
             {"role":"assistant","content":null,"tool_calls":[
               {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
             {"role":"tool","tool_call_id":"call_1","name":"get_weather","content":"snow"}]""";

    @TestHTTPResource("/")
    URI base;

    @Test
    void toolCallsAndToolTurnsAreKeptAndGoUpstream() {
        String id = createSession(base, "{\"history\":" + HISTORY + "}");
        JsonPath created = session(base, id);
        assertEquals(List.of("user", "assistant", "tool"), created.getList("history.role"));
        assertEquals("call_1", created.getString("history[1].tool_calls[0].id"));
        assertEquals("function", created.getString("history[1].tool_calls[0].type"));
        assertEquals("get_weather", created.getString("history[1].tool_calls[0].function.name"));
        assertEquals("{\"city\":\"Oslo\"}", created.getString("history[1].tool_calls[0].function.arguments"));
        assertEquals("call_1", created.getString("history[2].tool_call_id"));
        assertEquals("get_weather", created.getString("history[2].name"));

        String streamId = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + id
                + "\",\"prompt\":\"and tomorrow?\",\"simulator\":{\"transcript\":true}}");
        assertEquals("user: weather?\nassistant:  [call call_1 get_weather {\"city\":\"Oslo\"}]\n"
                + "tool: snow [for call_1 get_weather]\nuser: and tomorrow?",
                Streams.awaitEnd(base, streamId).getString("text"));
    }

    @Test
    void aReplyThatCallsAToolIsRecordedWithItsCall() {
        String id = createSession(base, "{}");
        String streamId = Streams.start(base, "{\"model\":\"test-script\",\"session\":\"" + id
                + "\",\"prompt\":\"weather?\",\"simulator\":{\"tool_name\":\"get_weather\",\"tool_arguments\":\"{}\"}}");
        Streams.awaitEnd(base, streamId);
        JsonPath after = session(base, id);
        assertEquals(List.of("user", "assistant"), after.getList("history.role"));
        assertEquals("", after.getString("history[1].content"));
        assertEquals("call_1", after.getString("history[1].tool_calls[0].id"));
        assertEquals("get_weather", after.getString("history[1].tool_calls[0].function.name"));
    }

    @Test
    void metadataRetentionKeepsNoCalls() {
        String id = createSession(base, "{\"retention\":\"metadata\",\"history\":" + HISTORY + "}");
        JsonPath created = session(base, id);
        assertEquals(List.of("user", "assistant", "tool"), created.getList("history.role"));
        assertNull(created.get("history[1].tool_calls"));
        assertNull(created.get("history[1].content"));
    }
}
