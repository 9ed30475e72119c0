package dev.sluice.api.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.Tools;
import java.util.List;
import java.util.Map;

/**
 * A decoded {@code POST /v1/responses}.
 *
 * @param id                 the new response's id
 * @param input              the new turns ({@code input} as messages); instructions are apart
 * @param instructions       a system message for this response only, or null
 * @param previousResponseId the stored response this one continues, or null
 * @param echo               the request's fields as the response object repeats them (model, instructions,
 *                           tools, metadata, …), kept with a stored response
 */
record ResponseRequest(String id, String model, List<ChatMessage> input, String instructions,
                       Integer maxOutputTokens, Double temperature, boolean background, boolean store,
                       boolean stream, String previousResponseId, Tools tools, Map<String, Object> options,
                       String masking, ObjectNode echo) {}
