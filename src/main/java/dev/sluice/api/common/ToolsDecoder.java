package dev.sluice.api.common;

import dev.sluice.api.http.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes OpenAI's tool fields of a chat request: {@code tools} (function tools),
 * {@code tool_choice}, {@code parallel_tool_calls}, and the legacy {@code functions} and
 * {@code function_call}. The native stream API and WebSocket {@code start} take the same fields.
 */
public final class ToolsDecoder {

    /** OpenAI's rule for function names; other upstreams accept a subset of what it allows. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    /** More functions than any upstream accepts (OpenAI allows 128). */
    private static final int MAX_TOOLS = 128;

    private ToolsDecoder() {}

    public static Tools decode(JsonNode root) {
        JsonNode tools = root.get("tools");
        JsonNode functions = root.get("functions");
        boolean legacy = (tools == null || tools.isNull()) && functions != null && !functions.isNull();
        List<ToolDefinition> definitions = legacy ? functions("functions", functions)
                : tools(tools);
        ToolChoice choice = legacy ? legacyChoice(root.get("function_call")) : choice(root.get("tool_choice"));
        if (choice != null && choice.mode() == ToolChoice.Mode.FUNCTION
                && definitions.stream().noneMatch(d -> d.name().equals(choice.function()))) {
            throw InvalidRequestException.of(legacy ? "function_call" : "tool_choice", "invalid_value",
                    "The function '" + choice.function() + "' named by " + (legacy ? "'function_call'" : "'tool_choice'")
                            + " is not among the request's " + (legacy ? "functions" : "tools") + ".");
        }
        JsonNode parallel = root.get("parallel_tool_calls");
        if (parallel != null && !parallel.isNull() && !parallel.isBoolean()) {
            throw JsonFields.wrongType("parallel_tool_calls", "a boolean");
        }
        if (definitions.isEmpty() && choice != null && choice.mode() != ToolChoice.Mode.NONE) {
            throw InvalidRequestException.of(legacy ? "function_call" : "tool_choice", "invalid_value",
                    "'tool_choice' is only allowed when 'tools' are specified.");
        }
        return new Tools(definitions, choice, parallel == null || parallel.isNull() ? null : parallel.asBoolean());
    }

    /** Whether the request offers functions the legacy way, so answers use {@code function_call}. */
    public static boolean legacyFunctions(JsonNode root) {
        JsonNode tools = root.get("tools");
        JsonNode functions = root.get("functions");
        return (tools == null || tools.isNull()) && functions != null && functions.isArray() && !functions.isEmpty();
    }

    private static List<ToolDefinition> tools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw JsonFields.wrongType("tools", "an array of {type: \"function\", function: {...}} objects");
        }
        requireCount("tools", tools);
        List<ToolDefinition> out = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String param = "tools[" + i + "]";
            if (!tool.isObject()) {
                throw JsonFields.wrongType(param, "an object");
            }
            JsonNode type = tool.get("type");
            if (type == null || !"function".equals(type.asText())) {
                throw InvalidRequestException.of(param + ".type", "invalid_value",
                        "'" + param + ".type' must be 'function': Sluice forwards function tools.");
            }
            JsonNode function = tool.get("function");
            if (function == null || !function.isObject()) {
                throw InvalidRequestException.of(param + ".function", "missing_required_parameter",
                        "Missing required parameter: '" + param + ".function'.");
            }
            out.add(function(param + ".function", function));
        }
        requireDistinct("tools", out);
        return out;
    }

    private static List<ToolDefinition> functions(String param, JsonNode functions) {
        if (!functions.isArray()) {
            throw JsonFields.wrongType(param, "an array of {name, description, parameters} objects");
        }
        requireCount(param, functions);
        List<ToolDefinition> out = new ArrayList<>(functions.size());
        for (int i = 0; i < functions.size(); i++) {
            JsonNode function = functions.get(i);
            if (!function.isObject()) {
                throw JsonFields.wrongType(param + "[" + i + "]", "an object");
            }
            out.add(function(param + "[" + i + "]", function));
        }
        requireDistinct(param, out);
        return out;
    }

    private static ToolDefinition function(String param, JsonNode function) {
        JsonNode name = function.get("name");
        if (name == null || !name.isTextual() || !NAME.matcher(name.asText()).matches()) {
            throw InvalidRequestException.of(param + ".name", "invalid_value", "'" + param
                    + ".name' must be 1 to 64 letters, digits, underscores or dashes.");
        }
        JsonNode description = function.get("description");
        if (description != null && !description.isNull() && !description.isTextual()) {
            throw JsonFields.wrongType(param + ".description", "a string");
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw JsonFields.wrongType(param + ".parameters", "a JSON Schema object");
        }
        return new ToolDefinition(name.asText(), description == null || description.isNull() ? null
                : description.asText(), parameters == null || parameters.isNull() ? null : parameters.deepCopy());
    }

    private static ToolChoice choice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw InvalidRequestException.of("tool_choice", "invalid_value",
                        "'tool_choice' must be 'auto', 'none', 'required' or {\"type\": \"function\", "
                                + "\"function\": {\"name\": …}}.");
            };
        }
        JsonNode name = choice.path("function").get("name");
        if (choice.isObject() && "function".equals(choice.path("type").asText()) && name != null && name.isTextual()) {
            return ToolChoice.function(name.asText());
        }
        throw JsonFields.wrongType("tool_choice", "'auto', 'none', 'required' or {\"type\": \"function\", "
                + "\"function\": {\"name\": …}}");
    }

    private static ToolChoice legacyChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isTextual() && choice.asText().equals("auto")) {
            return ToolChoice.AUTO;
        }
        if (choice.isTextual() && choice.asText().equals("none")) {
            return ToolChoice.NONE;
        }
        if (choice.isObject() && choice.path("name").isTextual()) {
            return ToolChoice.function(choice.get("name").asText());
        }
        throw JsonFields.wrongType("function_call", "'auto', 'none' or {\"name\": …}");
    }

    private static void requireCount(String param, JsonNode array) {
        if (array.size() > MAX_TOOLS) {
            throw InvalidRequestException.of(param, "array_above_max_length",
                    "'" + param + "' has " + array.size() + " entries; at most " + MAX_TOOLS + " are allowed.");
        }
    }

    private static void requireDistinct(String param, List<ToolDefinition> definitions) {
        long distinct = definitions.stream().map(ToolDefinition::name).distinct().count();
        if (distinct != definitions.size()) {
            throw InvalidRequestException.of(param, "invalid_value", "'" + param + "' names a function twice.");
        }
    }
}
