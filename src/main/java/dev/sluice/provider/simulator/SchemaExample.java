package dev.sluice.provider.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

/**
 * Makes arguments that fit a function's JSON Schema, for {@code "tool_call": true}: every property of
 * an object, the first of an {@code enum}, a {@code const}, and for plain types a value drawn from
 * the seed (strings with non-ASCII letters, so the argument fragments carry multi-byte UTF-8).
 */
final class SchemaExample {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WORDS = {"Zürich", "東京", "São Paulo", "Kraków", "naïve café", "Ελλάδα"};
    /** Deeper schemas are cut off with an empty object rather than recursing without end ($ref loops). */
    private static final int MAX_DEPTH = 6;

    private final Random random;

    SchemaExample(Random random) {
        this.random = random;
    }

    /** Arguments for a function whose parameters schema is {@code schema} (null: no parameters): an object. */
    ObjectNode arguments(JsonNode schema) {
        JsonNode value = schema == null ? null : value(schema, "", 0);
        return value instanceof ObjectNode object ? object : NODES.objectNode();
    }

    private JsonNode value(JsonNode schema, String name, int depth) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        JsonNode choices = schema.get("enum");
        if (choices != null && choices.isArray() && !choices.isEmpty()) {
            return choices.get(0);
        }
        for (String alternative : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode options = schema.get(alternative);
            if (options != null && options.isArray() && !options.isEmpty() && options.get(0).isObject()) {
                return value(options.get(0), name, depth + 1);
            }
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> {
                ArrayNode items = NODES.arrayNode();
                JsonNode item = schema.get("items");
                if (depth < MAX_DEPTH) {
                    items.add(item != null && item.isObject() ? value(item, name, depth + 1) : string(name, schema));
                }
                yield items;
            }
            case "integer" -> NODES.numberNode(1 + random.nextInt(99));
            case "number" -> NODES.numberNode((1 + random.nextInt(399)) / 4.0);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> string(name, schema);
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        JsonNode properties = schema.get("properties");
        if (depth >= MAX_DEPTH || properties == null || !properties.isObject()) {
            return object;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (property.getValue().isObject()) {
                object.set(property.getKey(), value(property.getValue(), property.getKey(), depth + 1));
            }
        }
        return object;
    }

    /** The schema's type: the first non-null one of a list, else guessed from its keywords. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            return type.asText();
        }
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (t.isTextual() && !"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private JsonNode string(String name, JsonNode schema) {
        String format = schema.path("format").asText("");
        return switch (format) {
            case "date" -> NODES.textNode("2025-06-0" + (1 + random.nextInt(9)));
            case "date-time" -> NODES.textNode("2025-06-01T09:30:00Z");
            case "email" -> NODES.textNode("ada@example.com");
            default -> NODES.textNode(WORDS[random.nextInt(WORDS.length)]);
        };
    }
}
