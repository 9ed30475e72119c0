package dev.sluice.api.common;

import dev.sluice.api.http.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed reads of request fields, each failing with a 400 that names the parameter, so a wrong
 * type never turns into a 500. Works on Jackson's tree: no reflection on request classes.
 */
public final class JsonFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFields() {}

    /** Parses a request body that must be a JSON object. */
    public static JsonNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidRequestException.of(null, "invalid_json",
                    "The request body is empty; send a JSON object.");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (Exception e) {
            throw InvalidRequestException.of(null, "invalid_json",
                    "The request body is not valid JSON; check quotes, commas and brackets.");
        }
        if (root == null || !root.isObject()) {
            throw InvalidRequestException.of(null, "invalid_json", "The request body must be a JSON object.");
        }
        return root;
    }

    public static String requiredString(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            throw InvalidRequestException.of(name, "missing_required_parameter",
                    "Missing required parameter: '" + name + "'.");
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw wrongType(name, "a non-empty string");
        }
        return node.asText();
    }

    public static String optionalString(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string");
        }
        return node.asText();
    }

    public static boolean optionalBoolean(JsonNode root, String name, boolean fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw wrongType(name, "true or false");
        }
        return node.booleanValue();
    }

    /** An integer within [min, max], or null when absent. */
    public static Integer optionalInt(JsonNode root, String name, long min, long max) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() && !(node.isNumber() && node.asDouble() == Math.rint(node.asDouble()))) {
            throw wrongType(name, "an integer");
        }
        if (!node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw InvalidRequestException.of(name, "invalid_value",
                    "'" + name + "' must be between " + min + " and " + max + ".");
        }
        return (int) node.asLong();
    }

    public static Double optionalNumber(JsonNode root, String name, double min, double max) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(name, "a number");
        }
        double value = node.asDouble();
        if (!(value >= min && value <= max)) {
            throw InvalidRequestException.of(name, "invalid_value",
                    "'" + name + "' must be between " + min + " and " + max + ".");
        }
        return value;
    }

    /** An object of options: scalars as Java values, objects and arrays as JSON trees; empty when absent. */
    public static Map<String, Object> optionalOptions(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw wrongType(name, "an object");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                options.put(field.getKey(), value.asText());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                options.put(field.getKey(), value.asLong());
            } else if (value.isNumber()) {
                options.put(field.getKey(), value.asDouble());
            } else if (value.isBoolean()) {
                options.put(field.getKey(), value.booleanValue());
            } else if (value.isContainerNode()) {
                options.put(field.getKey(), value.deepCopy()); // structured options, e.g. the simulator's tool_call
            }
        });
        return options;
    }

    public static InvalidRequestException wrongType(String name, String expected) {
        return InvalidRequestException.of(name, "invalid_type", "'" + name + "' must be " + expected + ".");
    }
}
