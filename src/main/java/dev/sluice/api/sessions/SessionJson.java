package dev.sluice.api.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.audit.AuditRecord;
import dev.sluice.session.Session;
import dev.sluice.session.Turn;
import java.util.List;

/** The documents of the sessions API: a session, its deletion, its audit records. */
final class SessionJson {

    private SessionJson() {}

    static ObjectNode of(Session s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", s.id());
        root.put("object", "session");
        root.put("created_at", s.createdAt() / 1000);
        root.put("expires_at", s.expiresAt() / 1000);
        root.put("masking", s.maskingProfile());
        root.put("retention", s.retention().wire());
        root.put("ttl_seconds", s.ttlSeconds());
        root.put("context_budget", s.contextBudget());
        root.put("system", s.systemMessage());
        root.put("active_stream", s.activeStream());
        ArrayNode streams = root.putArray("streams");
        s.streams().forEach(streams::add);
        ArrayNode history = root.putArray("history");
        for (Turn t : s.history()) {
            ObjectNode turn = history.addObject();
            turn.put("role", t.role());
            if (t.content() != null) {
                turn.put("content", t.content());
            }
            if (t.toolCalls() != null) { // in the shape a session's history is created with
                ArrayNode calls = turn.putArray("tool_calls");
                for (Turn.Call c : t.toolCalls()) {
                    ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", c.arguments());
                }
            }
            if (t.toolCallId() != null) {
                turn.put("tool_call_id", t.toolCallId());
            }
            if (t.name() != null) {
                turn.put("name", t.name());
            }
            turn.put("tokens", t.tokens());
            turn.put("fingerprint", t.fingerprint());
            turn.put("stream_id", t.streamId());
            turn.put("at", t.at());
        }
        return root;
    }

    static ObjectNode deleted(String id) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", id);
        root.put("object", "session.deleted");
        root.put("deleted", true);
        return root;
    }

    static ObjectNode audit(ObjectMapper mapper, String sessionId, List<AuditRecord> records) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("object", "list");
        root.put("session", sessionId);
        ArrayNode data = root.putArray("data");
        for (AuditRecord record : records) {
            JsonNode node = mapper.valueToTree(record);
            data.add(node);
        }
        return root;
    }
}
