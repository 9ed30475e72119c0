package dev.sluice.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import dev.sluice.provider.http.UpstreamJson;
import java.util.List;

/**
 * Tool calling in Gemini's shape: {@code tools[].functionDeclarations} (the JSON Schema as
 * {@code parametersJsonSchema}, which takes what OpenAI clients send, e.g. {@code additionalProperties},
 * where {@code parameters} takes only an OpenAPI subset), {@code toolConfig.functionCallingConfig},
 * an assistant turn's calls as {@code functionCall} parts of a {@code model} turn, and tool results as
 * {@code functionResponse} parts, every result of a turn's calls in one {@code user} turn.
 */
final class GeminiTools {

    /**
     * Gemini 3 checks that the calls of a model turn carry the thought signature it issued with them;
     * Sluice's clients (OpenAI's wire) cannot hand it back, so the first call of each turn carries the
     * value Google documents for histories without signatures.
     */
    static final String NO_SIGNATURE = "skip_thought_signature_validator";

    private GeminiTools() {}

    /** Writes the conversation (system and developer turns excluded) as {@code contents}. */
    static void contents(ArrayNode contents, List<ChatMessage> turns) {
        ArrayNode responses = null; // the functionResponse parts of the user turn being built
        for (int i = 0; i < turns.size(); i++) {
            ChatMessage m = turns.get(i);
            String content = m.content() == null ? "" : m.content();
            switch (m.role()) {
                case "system", "developer" -> { } // the caller put them into systemInstruction
                case "tool" -> {
                    if (responses == null) {
                        responses = contents.addObject().put("role", "user").putArray("parts");
                    }
                    ObjectNode response = responses.addObject().putObject("functionResponse");
                    String name = functionName(turns, i);
                    // check() refused this for the primary route; a fallback route sends what it has
                    response.put("name", name != null ? name : String.valueOf(m.toolCallId()));
                    response.set("response", response(content));
                }
                case "assistant" -> {
                    responses = null;
                    ArrayNode parts = contents.addObject().put("role", "model").putArray("parts");
                    if (!content.isEmpty() || m.toolCalls().isEmpty()) {
                        parts.addObject().put("text", content);
                    }
                    boolean first = true;
                    for (ToolCall call : m.toolCalls()) {
                        ObjectNode part = parts.addObject();
                        part.putObject("functionCall").put("name", call.name())
                                .set("args", UpstreamJson.argumentsObject(call.arguments()));
                        if (first) {
                            part.put("thoughtSignature", NO_SIGNATURE);
                            first = false;
                        }
                    }
                }
                default -> {
                    responses = null;
                    contents.addObject().put("role", "user").putArray("parts").addObject().put("text", content);
                }
            }
        }
    }

    /**
     * Gemini answers a call by its function's name: the tool turn's own, else that of the call with the
     * turn's id in the nearest earlier assistant turn; null when neither names it.
     */
    static String functionName(List<ChatMessage> turns, int toolTurn) {
        ChatMessage result = turns.get(toolTurn);
        if (result.name() != null && !result.name().isEmpty()) {
            return result.name();
        }
        for (int i = toolTurn - 1; i >= 0; i--) {
            for (ToolCall call : turns.get(i).toolCalls()) {
                if (call.id() != null && call.id().equals(result.toolCallId())) {
                    return call.name();
                }
            }
        }
        return null;
    }

    /** {@code response} must be an object: a JSON object result as it is, anything else under {@code output}. */
    private static JsonNode response(String content) {
        JsonNode parsed = UpstreamJson.tryParse(content);
        if (parsed != null && parsed.isObject()) {
            return parsed;
        }
        ObjectNode wrapped = UpstreamJson.object();
        if (parsed != null) {
            wrapped.set("output", parsed);
        } else {
            wrapped.put("output", content);
        }
        return wrapped;
    }

    /** {@code tools} and {@code toolConfig}, when the request offers tools; Gemini has no parallel switch. */
    static void tools(ObjectNode body, Tools tools) {
        if (!tools.offered()) {
            return;
        }
        ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
        for (ToolDefinition tool : tools.definitions()) {
            ObjectNode declaration = declarations.addObject().put("name", tool.name());
            if (tool.description() != null) {
                declaration.put("description", tool.description());
            }
            if (tool.parameters() != null) {
                declaration.set("parametersJsonSchema", tool.parameters());
            }
        }
        ToolChoice choice = tools.choice();
        if (choice == null) {
            return;
        }
        ObjectNode config = body.putObject("toolConfig").putObject("functionCallingConfig");
        switch (choice.mode()) {
            case AUTO -> config.put("mode", "AUTO");
            case NONE -> config.put("mode", "NONE");
            case REQUIRED -> config.put("mode", "ANY");
            case FUNCTION -> config.put("mode", "ANY").putArray("allowedFunctionNames").add(choice.function());
        }
    }

    /**
     * @throws IllegalArgumentException when a call's arguments are not a JSON object or a tool result's
     *                                  function cannot be named
     */
    static void check(List<ChatMessage> turns) {
        for (int i = 0; i < turns.size(); i++) {
            ChatMessage m = turns.get(i);
            for (ToolCall call : m.toolCalls()) {
                if (!UpstreamJson.isArgumentsObject(call.arguments())) {
                    throw new IllegalArgumentException("The arguments of the tool call '" + call.id()
                            + "' must be a JSON object for this model's provider.");
                }
            }
            if ("tool".equals(m.role()) && functionName(turns, i) == null) {
                throw new IllegalArgumentException("The tool result for '" + m.toolCallId() + "' answers no earlier "
                        + "tool call; Gemini needs the function's name (give the tool message a 'name').");
            }
        }
    }
}
