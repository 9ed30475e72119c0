package dev.sluice.provider.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;

/**
 * JSON of upstream requests and responses as trees only ({@link JsonNode}), so no class is
 * bound by reflection (native-friendly) and unknown upstream fields are simply ignored.
 */
public final class UpstreamJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private UpstreamJson() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** @throws dev.sluice.provider.ProviderException {@code upstream_bad_response}, without echoing the payload */
    /**
     * The start of a chat request body as OpenAI-style APIs (OpenAI-compatible, Ollama) take it:
     * {@code model}, {@code messages} as role/content pairs and {@code stream: true}.
     */
    public static ObjectNode streamingChat(GenerationRequest request) {
        ObjectNode body = object();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content() == null ? "" : m.content());
        }
        body.put("stream", true);
        return body;
    }

    public static JsonNode parse(String provider, String payload) {
        try {
            JsonNode node = MAPPER.readTree(payload);
            if (node == null || !node.isObject()) {
                throw UpstreamErrors.badResponse(provider, "expected a JSON object in the stream");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw UpstreamErrors.badResponse(provider, "malformed JSON in the stream at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an upstream request", e);
        }
    }

    public static String text(JsonNode node) {
        return new String(bytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }
}
