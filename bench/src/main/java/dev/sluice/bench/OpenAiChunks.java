package dev.sluice.bench;

/**
 * The bytes an OpenAI chat-completions endpoint writes, in the field order and shape of
 * OpenAI's own responses: {@code chat.completion.chunk} SSE events (a role chunk with empty
 * content, one chunk per token, a finish chunk with an empty delta, with
 * {@code stream_options.include_usage} every chunk carrying {@code "usage":null} and a last
 * chunk with empty {@code choices} and the usage, then {@code data: [DONE]}), the
 * non-streaming {@code chat.completion} and the {@code /v1/models} list. One instance per
 * response; everything constant in a chunk is built once, so a token costs its text.
 */
final class OpenAiChunks {

    static final String DONE = "data: [DONE]\n\n";
    static final String SYSTEM_FINGERPRINT = "fp_mock0000";

    private final String head;
    private final String tail;
    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;

    OpenAiChunks(String id, long created, String model, boolean includeUsage) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.includeUsage = includeUsage;
        this.head = "data: " + base() + ",\"choices\":[{\"index\":0,\"delta\":";
        this.tail = includeUsage ? "}],\"usage\":null}\n\n" : "}]}\n\n";
    }

    private String base() {
        return "{\"id\":" + json(id) + ",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + json(model) + ",\"service_tier\":\"default\",\"system_fingerprint\":\""
                + SYSTEM_FINGERPRINT + "\"";
    }

    /** The first chunk: the assistant's role and empty content. */
    String roleChunk() {
        return head + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null" + tail;
    }

    /** One token of content. */
    String contentChunk(String text) {
        return head + "{\"content\":" + json(text) + "},\"logprobs\":null,\"finish_reason\":null" + tail;
    }

    /** The chunk that ends the choice: an empty delta and the finish reason. */
    String finishChunk(String reason) {
        return head + "{},\"logprobs\":null,\"finish_reason\":" + json(reason) + tail;
    }

    /** The last chunk when usage was asked for: no choices, the usage; {@code null} when it was not. */
    String usageChunk(int promptTokens, int completionTokens) {
        if (!includeUsage) {
            return null;
        }
        return "data: " + base() + ",\"choices\":[],\"usage\":" + usage(promptTokens, completionTokens) + "}\n\n";
    }

    /** The whole {@code chat.completion} of a non-streaming request. */
    String completion(String content, int promptTokens, int completionTokens) {
        return "{\"id\":" + json(id) + ",\"object\":\"chat.completion\",\"created\":" + created + ",\"model\":" + json(model)
                + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + json(content)
                + ",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":"
                + usage(promptTokens, completionTokens) + ",\"service_tier\":\"default\",\"system_fingerprint\":\""
                + SYSTEM_FINGERPRINT + "\"}";
    }

    static String usage(int promptTokens, int completionTokens) {
        return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                + (promptTokens + completionTokens)
                + ",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";
    }

    /** {@code GET /v1/models}. */
    static String models(String model, long created) {
        return "{\"object\":\"list\",\"data\":[{\"id\":" + json(model) + ",\"object\":\"model\",\"created\":" + created
                + ",\"owned_by\":\"sluice-bench\"}]}";
    }

    /** An error in OpenAI's shape. */
    static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":" + json(message) + ",\"type\":" + json(type) + ",\"param\":null,\"code\":"
                + (code == null ? "null" : json(code)) + "}}";
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
