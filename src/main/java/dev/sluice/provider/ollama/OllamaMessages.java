package dev.sluice.provider.ollama;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.Tools;
import dev.sluice.provider.http.UpstreamJson;
import java.util.List;

/**
 * The start of an {@code /api/chat} body: like OpenAI's, but an assistant turn's calls carry their
 * {@code arguments} as a JSON object, not as a string, and a tool turn names its function
 * ({@code tool_name}). {@code tools} has OpenAI's shape; Ollama has no {@code tool_choice} nor
 * {@code parallel_tool_calls}, so those are not sent.
 */
final class OllamaMessages {

    private OllamaMessages() {}

    static ObjectNode streamingChat(GenerationRequest request) {
        ObjectNode body = UpstreamJson.object();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        List<ChatMessage> turns = request.messages();
        for (int i = 0; i < turns.size(); i++) {
            ChatMessage m = turns.get(i);
            ObjectNode message = messages.addObject().put("role", m.role())
                    .put("content", m.content() == null ? "" : m.content());
            if (!m.toolCalls().isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall call : m.toolCalls()) {
                    ObjectNode entry = calls.addObject();
                    if (call.id() != null) {
                        entry.put("id", call.id()); // newer Ollama versions keep call ids; older ones ignore it
                    }
                    entry.putObject("function").put("name", call.name())
                            .set("arguments", UpstreamJson.argumentsObject(call.arguments()));
                }
            }
            if ("tool".equals(m.role())) {
                String name = functionName(turns, i);
                if (name != null) {
                    message.put("tool_name", name);
                }
                if (m.toolCallId() != null) {
                    message.put("tool_call_id", m.toolCallId());
                }
            }
        }
        Tools tools = request.tools();
        if (tools.offered()) {
            UpstreamJson.openAiTools(body, new Tools(tools.definitions(), null, null));
        }
        body.put("stream", true);
        return body;
    }

    /** The tool turn's function: its own name, else that of the call with its id in an earlier turn. */
    private static String functionName(List<ChatMessage> turns, int toolTurn) {
        ChatMessage result = turns.get(toolTurn);
        if (result.name() != null) {
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
}
