package dev.sluice.api.anthropic;

import dev.sluice.model.FinishReason;

/** Sluice finish reasons in Anthropic's {@code stop_reason} vocabulary. */
final class StopReasons {

    private StopReasons() {}

    static String of(FinishReason reason) {
        if (reason == null) {
            return "end_turn";
        }
        return switch (reason) {
            case STOP, CANCELLED -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case POLICY, CONTENT_FILTER -> "refusal";
        };
    }

    /** The id of a tool call: the provider's, or one made from the message id when the provider gave none. */
    static String toolUseId(String id, String messageId, int index) {
        return id != null && !id.isEmpty() ? id : "toolu_" + messageId.substring(4) + "_" + index;
    }
}
