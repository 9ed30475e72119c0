package dev.sluice.api.openai;

import dev.sluice.model.FinishReason;

/** Sluice finish reasons in OpenAI's vocabulary. */
final class ChatFinishReasons {

    private ChatFinishReasons() {}

    static String of(FinishReason reason) {
        return switch (reason) {
            case STOP, CANCELLED -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case POLICY, CONTENT_FILTER -> "content_filter";
        };
    }
}
