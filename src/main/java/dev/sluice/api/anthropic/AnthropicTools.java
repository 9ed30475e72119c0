package dev.sluice.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Decodes Anthropic's {@code tools} ({@code {name, description, input_schema}}, client tools only)
 * and {@code tool_choice} ({@code {type: auto|any|tool|none, name, disable_parallel_tool_use}}) into
 * the provider-neutral {@link Tools}. Anthropic's server tools ({@code web_search_…},
 * {@code code_execution_…}, …) run at Anthropic, so they are a 400 here, naming the tool type.
 */
final class AnthropicTools {

    /** The strictest rule among the upstreams Sluice routes to (OpenAI's), so every one accepts the name. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final int MAX_TOOLS = 128;

    private AnthropicTools() {}

    static Tools decode(JsonNode root) {
        List<ToolDefinition> definitions = definitions(root.get("tools"));
        JsonNode choiceNode = root.get("tool_choice");
        ToolChoice choice = null;
        Boolean parallel = null;
        if (choiceNode != null && !choiceNode.isNull()) {
            if (!choiceNode.isObject()) {
                throw JsonFields.wrongType("tool_choice", "an object {type: auto|any|tool|none}");
            }
            choice = choice(choiceNode, definitions);
            JsonNode disable = choiceNode.get("disable_parallel_tool_use");
            if (disable != null && !disable.isNull()) {
                if (!disable.isBoolean()) {
                    throw JsonFields.wrongType("tool_choice.disable_parallel_tool_use", "true or false");
                }
                parallel = !disable.booleanValue();
            }
        }
        if (definitions.isEmpty() && choice != null && choice.mode() != ToolChoice.Mode.NONE) {
            throw InvalidRequestException.of("tool_choice", "invalid_value",
                    "'tool_choice' may only be specified while providing 'tools'.");
        }
        return new Tools(definitions, choice, parallel);
    }

    private static ToolChoice choice(JsonNode choice, List<ToolDefinition> definitions) {
        String type = choice.path("type").asText("");
        return switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> {
                JsonNode name = choice.get("name");
                if (name == null || !name.isTextual()) {
                    throw InvalidRequestException.of("tool_choice.name", "missing_required_parameter",
                            "Missing required parameter: 'tool_choice.name' (with type 'tool').");
                }
                if (definitions.stream().noneMatch(d -> d.name().equals(name.asText()))) {
                    throw InvalidRequestException.of("tool_choice.name", "invalid_value",
                            "The tool named by 'tool_choice.name' is not among the request's 'tools'.");
                }
                yield ToolChoice.function(name.asText());
            }
            default -> throw InvalidRequestException.of("tool_choice.type", "invalid_value",
                    "'tool_choice.type' must be 'auto', 'any', 'tool' or 'none'.");
        };
    }

    private static List<ToolDefinition> definitions(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw JsonFields.wrongType("tools", "an array of {name, description, input_schema} objects");
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
            JsonNode type = tool.get("type");
            if (type != null && !type.isNull() && !"custom".equals(type.asText())) {
                String shown = type.asText().length() <= 40 ? type.asText() : type.asText().substring(0, 40) + "…";
                throw InvalidRequestException.of(param + ".type", "unsupported_value", "Tools of type '" + shown
                        + "' run at Anthropic and are not supported: Sluice forwards client tools "
                        + "({name, description, input_schema}) to any provider.");
            }
            JsonNode name = tool.get("name");
            if (name == null || !name.isTextual() || !NAME.matcher(name.asText()).matches()) {
                throw InvalidRequestException.of(param + ".name", "invalid_value",
                        "'" + param + ".name' must be 1 to 64 letters, digits, underscores or dashes.");
            }
            if (!names.add(name.asText())) {
                throw InvalidRequestException.of("tools", "invalid_value", "'tools' names a tool twice.");
            }
            JsonNode description = tool.get("description");
            if (description != null && !description.isNull() && !description.isTextual()) {
                throw JsonFields.wrongType(param + ".description", "a string");
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || schema.isNull()) {
                throw InvalidRequestException.of(param + ".input_schema", "missing_required_parameter",
                        "Missing required parameter: '" + param + ".input_schema'.");
            }
            if (!schema.isObject()) {
                throw JsonFields.wrongType(param + ".input_schema", "a JSON Schema object");
            }
            out.add(new ToolDefinition(name.asText(),
                    description == null || description.isNull() ? null : description.asText(), schema.deepCopy()));
        }
        return out;
    }
}
