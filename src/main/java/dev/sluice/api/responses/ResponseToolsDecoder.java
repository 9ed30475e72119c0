package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.http.InvalidRequestException;
import dev.sluice.api.common.JsonFields;
import dev.sluice.provider.ToolChoice;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.provider.Tools;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes the Responses tool fields: {@code tools} of type {@code function}, flat
 * ({@code {type, name, description, parameters, strict}}, unlike chat's nested {@code function}),
 * {@code tool_choice} ({@code auto}, {@code none}, {@code required} or {@code {type: "function",
 * name}}) and {@code parallel_tool_calls}. OpenAI's hosted tools (web search, file search,
 * computer use, MCP, …) run inside OpenAI and have no upstream-neutral meaning: a 400 names them.
 */
final class ResponseToolsDecoder {

    /** OpenAI's rule for function names, as for chat tools. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int MAX_TOOLS = 128;
    private static final String CHOICES = "'auto', 'none', 'required' or {\"type\": \"function\", \"name\": …}";

    private ResponseToolsDecoder() {}

    static Tools decode(JsonNode root) {
        List<ToolDefinition> definitions = definitions(root.get("tools"));
        ToolChoice choice = choice(root.get("tool_choice"));
        if (choice != null && choice.mode() == ToolChoice.Mode.FUNCTION
                && definitions.stream().noneMatch(d -> d.name().equals(choice.function()))) {
            throw InvalidRequestException.of("tool_choice", "invalid_value", "The function '" + choice.function()
                    + "' named by 'tool_choice' is not among the request's tools.");
        }
        if (definitions.isEmpty() && choice != null && choice.mode() != ToolChoice.Mode.NONE
                && choice.mode() != ToolChoice.Mode.AUTO) {
            throw InvalidRequestException.of("tool_choice", "invalid_value",
                    "'tool_choice' requires 'tools' to offer a function.");
        }
        JsonNode parallel = root.get("parallel_tool_calls");
        if (parallel != null && !parallel.isNull() && !parallel.isBoolean()) {
            throw JsonFields.wrongType("parallel_tool_calls", "a boolean");
        }
        return new Tools(definitions, choice, parallel == null || parallel.isNull() ? null : parallel.asBoolean());
    }

    /** The tools as the response object lists them. */
    static ArrayNode echo(Tools tools, JsonNode requested) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < tools.definitions().size(); i++) {
            ToolDefinition d = tools.definitions().get(i);
            ObjectNode tool = out.addObject().put("type", "function").put("name", d.name());
            tool.put("description", d.description());
            tool.set("parameters", d.parameters() == null ? JsonNodeFactory.instance.nullNode() : d.parameters());
            JsonNode strict = requested.get(i).get("strict");
            tool.set("strict", strict == null ? JsonNodeFactory.instance.nullNode() : strict);
        }
        return out;
    }

    /** The tool choice as the response object repeats it. */
    static JsonNode echoChoice(ToolChoice choice) {
        if (choice == null || choice.mode() == ToolChoice.Mode.AUTO) {
            return JsonNodeFactory.instance.textNode("auto");
        }
        return switch (choice.mode()) {
            case NONE -> JsonNodeFactory.instance.textNode("none");
            case REQUIRED -> JsonNodeFactory.instance.textNode("required");
            default -> JsonNodeFactory.instance.objectNode().put("type", "function").put("name", choice.function());
        };
    }

    private static List<ToolDefinition> definitions(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw JsonFields.wrongType("tools", "an array of {type: \"function\", name, parameters} objects");
        }
        if (tools.size() > MAX_TOOLS) {
            throw InvalidRequestException.of("tools", "array_above_max_length",
                    "'tools' has " + tools.size() + " entries; at most " + MAX_TOOLS + " are allowed.");
        }
        List<ToolDefinition> out = new ArrayList<>(tools.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            String param = "tools[" + i + "]";
            JsonNode tool = tools.get(i);
            if (!tool.isObject()) {
                throw JsonFields.wrongType(param, "an object");
            }
            String type = JsonFields.optionalString(tool, "type");
            if (!"function".equals(type)) {
                throw InvalidRequestException.of(param + ".type", "unsupported_value", "'" + param + ".type' "
                        + (type == null ? "is missing" : "'" + abbreviate(type) + "' is not supported")
                        + ": Sluice forwards function tools only (hosted tools such as web_search run inside OpenAI).");
            }
            ToolDefinition definition = function(tool, param);
            if (!names.add(definition.name())) {
                throw InvalidRequestException.of("tools", "invalid_value", "'tools' names a function twice.");
            }
            out.add(definition);
        }
        return out;
    }

    private static ToolDefinition function(JsonNode tool, String param) {
        JsonNode name = tool.get("name");
        if (name == null || !name.isTextual() || !NAME.matcher(name.asText()).matches()) {
            throw InvalidRequestException.of(param + ".name", "invalid_value", "'" + param
                    + ".name' must be 1 to 64 letters, digits, underscores or dashes.");
        }
        String description = JsonFields.optionalString(tool, "description");
        JsonNode parameters = tool.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw JsonFields.wrongType(param + ".parameters", "a JSON Schema object");
        }
        JsonNode strict = tool.get("strict");
        if (strict != null && !strict.isNull() && !strict.isBoolean()) {
            throw JsonFields.wrongType(param + ".strict", "a boolean");
        }
        return new ToolDefinition(name.asText(), description,
                parameters == null || parameters.isNull() ? null : parameters.deepCopy());
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
                        "'tool_choice' must be " + CHOICES + ".");
            };
        }
        if (choice.isObject() && choice.path("type").isTextual()) {
            String type = choice.get("type").asText();
            if ("function".equals(type) && choice.path("name").isTextual()) {
                return ToolChoice.function(choice.get("name").asText());
            }
            if (!"function".equals(type)) {
                throw InvalidRequestException.of("tool_choice", "unsupported_value", "'tool_choice' of type '"
                        + abbreviate(type) + "' is not supported: Sluice takes " + CHOICES + ".");
            }
        }
        throw JsonFields.wrongType("tool_choice", CHOICES);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
