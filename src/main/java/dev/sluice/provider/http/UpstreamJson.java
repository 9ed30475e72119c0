package dev.sluice.provider.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ProviderException;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import java.io.IOException;

/**
 * JSON of upstream requests and responses as trees only ({@link JsonNode}), so no class is
 * bound by reflection (native-friendly) and unknown upstream fields are simply ignored.
 */
public final class UpstreamJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Refuses text after the first value ({@code {} trailing}), which the default reader ignores. */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = MAPPER.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private UpstreamJson() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * The start of a chat request body as OpenAI-compatible APIs take it: {@code model},
     * {@code messages} (role and content; an assistant turn's {@code tool_calls}, a tool turn's
     * {@code tool_call_id}) and {@code stream: true}.
     */
    public static ObjectNode streamingChat(GenerationRequest request) {
        ObjectNode body = object();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            ObjectNode message = messages.addObject().put("role", m.role());
            if (m.toolCalls().isEmpty() || (m.content() != null && !m.content().isEmpty())) {
                message.put("content", m.content() == null ? "" : m.content());
            } else {
                message.putNull("content");
            }
            if (!m.toolCalls().isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall call : m.toolCalls()) {
                    calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                            .put("name", call.name()).put("arguments", call.arguments());
                }
            }
            if (m.toolCallId() != null) {
                message.put("tool_call_id", m.toolCallId());
            }
        }
        body.put("stream", true);
        return body;
    }

    /** OpenAI's {@code tools}, {@code tool_choice} and {@code parallel_tool_calls}, when the request offers tools. */
    public static void openAiTools(ObjectNode body, Tools tools) {
        if (!tools.offered()) {
            return;
        }
        ArrayNode list = body.putArray("tools");
        for (ToolDefinition tool : tools.definitions()) {
            ObjectNode function = list.addObject().put("type", "function").putObject("function");
            function.put("name", tool.name());
            if (tool.description() != null) {
                function.put("description", tool.description());
            }
            if (tool.parameters() != null) {
                function.set("parameters", tool.parameters());
            }
        }
        ToolChoice choice = tools.choice();
        if (choice != null) {
            switch (choice.mode()) {
                case AUTO -> body.put("tool_choice", "auto");
                case NONE -> body.put("tool_choice", "none");
                case REQUIRED -> body.put("tool_choice", "required");
                case FUNCTION -> body.putObject("tool_choice").put("type", "function")
                        .putObject("function").put("name", choice.function());
            }
        }
        if (tools.parallel() != null) {
            body.put("parallel_tool_calls", tools.parallel());
        }
    }

    /** @throws dev.sluice.provider.ProviderException {@code upstream_bad_response}, without echoing the payload */
    public static JsonNode parse(String provider, String payload) {
        try {
            JsonNode node = MAPPER.readTree(payload);
            if (node == null || !node.isObject()) {
                throw UpstreamErrors.badResponse(provider, "expected a JSON object in the stream");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(provider, e);
        }
    }

    /** A parser fed message by message ({@link MessageParser}), with this mapper for trees. */
    static JsonParser nonBlockingParser() {
        try {
            return MAPPER.getFactory().createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a JSON parser", e);
        }
    }

    /** The value at the parser's current token as a tree. */
    static JsonNode tree(JsonParser parser) throws IOException {
        JsonNode node = MAPPER.readTree(parser);
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The failure for a message that is not JSON, at the parser's location, without the payload. */
    public static ProviderException malformed(String provider, JsonProcessingException e) {
        return UpstreamErrors.badResponse(provider, "malformed JSON in the stream at line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
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

    /**
     * A tool call's arguments as the JSON object upstreams that take parsed arguments want (Anthropic's
     * {@code input}, Gemini's {@code args}, Ollama's {@code arguments}): empty text is {@code {}}; text
     * that is not a JSON object (the provider's {@code validate} refuses it for the primary route) is
     * kept under {@code "arguments"} rather than lost.
     */
    public static ObjectNode argumentsObject(String arguments) {
        JsonNode parsed = tryParse(arguments);
        if (parsed != null && parsed.isObject()) {
            return (ObjectNode) parsed;
        }
        ObjectNode wrapped = object();
        if (arguments != null && !arguments.isBlank()) {
            wrapped.put("arguments", arguments);
        }
        return wrapped;
    }

    /** Whether a tool call's arguments are a JSON object (or empty, meaning none). */
    public static boolean isArgumentsObject(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return true;
        }
        JsonNode parsed = tryParse(arguments);
        return parsed != null && parsed.isObject();
    }

    /** The JSON value of a text, or null when it is not one JSON value. */
    public static JsonNode tryParse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return STRICT.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
