package dev.sluice.provider.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import java.util.List;
import java.util.Map;

/**
 * One conversation with tools for every adapter's request test: two functions, a user question,
 * an assistant turn with text and two parallel calls, their two results, and a follow-up question.
 */
public final class ToolTurns {

    public static final ObjectNode WEATHER_SCHEMA = new ObjectMapper().createObjectNode().put("type", "object");

    static {
        WEATHER_SCHEMA.putObject("properties").putObject("city").put("type", "string");
        WEATHER_SCHEMA.putArray("required").add("city");
    }

    public static final List<ToolDefinition> DEFINITIONS = List.of(
            new ToolDefinition("get_weather", "Current weather", WEATHER_SCHEMA),
            new ToolDefinition("get_time", null, null));

    public static final List<ChatMessage> MESSAGES = List.of(
            ChatMessage.system("Be brief."),
            ChatMessage.user("Weather and time in Zürich?"),
            ChatMessage.assistantCalls("Let me look.", List.of(
                    new ToolCall("call_1", "get_weather", "{\"city\":\"Zürich\"}"),
                    new ToolCall("call_2", "get_time", ""))),
            ChatMessage.toolResult("call_1", null, "{\"temp\":3}"),
            ChatMessage.toolResult("call_2", null, "09:30"),
            ChatMessage.user("Thanks. And tomorrow?"));

    private ToolTurns() {}

    public static GenerationRequest request(ToolChoice choice, Boolean parallel) {
        return new GenerationRequest("test-model", MESSAGES, 64, null, false, null, Map.of(),
                new Tools(DEFINITIONS, choice, parallel));
    }
}
