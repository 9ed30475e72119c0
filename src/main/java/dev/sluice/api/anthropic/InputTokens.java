package dev.sluice.api.anthropic;

import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.provider.ToolCall;
import dev.sluice.provider.ToolDefinition;
import dev.sluice.session.ContextBudget;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sluice's estimate of a request's input tokens, for what Anthropic reports before any output
 * ({@code message_start}'s {@code usage.input_tokens}) and for {@code count_tokens}: the
 * request's own turns, tool calls and tool definitions counted with the session vocabulary
 * ({@code sluice.sessions.encoding}, {@code o200k_base}), plus a few tokens per turn for its
 * framing, as the context budget counts. The provider's own count, which arrives with the
 * stream's usage at its end, may differ; it is what {@code message_delta} and a non-streamed
 * message report.
 */
@ApplicationScoped
public class InputTokens {

    private final ContextBudget budget;

    InputTokens(ContextBudget budget) {
        this.budget = budget;
    }

    int of(GenerationRequest request) {
        int tokens = 0;
        for (ChatMessage message : request.messages()) {
            tokens += budget.tokens(message);
            for (ToolCall call : message.toolCalls()) {
                tokens += budget.tokens(call.name()) + budget.tokens(call.arguments());
            }
        }
        for (ToolDefinition tool : request.tools().definitions()) {
            tokens += budget.tokens(tool.name()) + budget.tokens(tool.description())
                    + (tool.parameters() == null ? 0 : budget.tokens(tool.parameters().toString()));
        }
        return tokens;
    }
}
