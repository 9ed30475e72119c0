package dev.sluice.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function the model may call, as every API describes one: a name, what it does, and the JSON
 * Schema of its arguments. Adapters write it in their upstream's own shape (OpenAI
 * {@code tools[].function}, Anthropic {@code tools[]}, Gemini {@code functionDeclarations}).
 *
 * @param description what the function does, or null
 * @param parameters  the JSON Schema of the arguments object, or null for a function without arguments;
 *                    treated as immutable once decoded
 */
public record ToolDefinition(String name, String description, JsonNode parameters) {}
