package dev.sluice.session;

import dev.sluice.audit.PromptFingerprint;
import dev.sluice.policy.masking.MaskingProfile;
import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.ToolCall;
import dev.sluice.stream.StreamSummary;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns messages into history as retention allows: no text under {@code metadata} (tokens and a
 * fingerprint only), masked text under {@code redacted}, the client's text under {@code full}.
 * Assistant text is always the masked text the journal holds. Tool calls (their arguments are
 * text like any other) and the call a tool turn answers are kept with their turn, so a
 * conversation that used tools can be continued from its history.
 */
@Singleton
public class HistoryTurns {

    private final ContextBudget budget;
    private final PromptFingerprint fingerprint;

    HistoryTurns(ContextBudget budget, PromptFingerprint fingerprint) {
        this.budget = budget;
        this.fingerprint = fingerprint;
    }

    /** Client messages (not system) as turns; empty under {@code none}. */
    public List<Turn> of(List<ChatMessage> messages, MaskingProfile profile, RetentionPolicy retention, String streamId,
                         long now) {
        List<Turn> out = new ArrayList<>();
        if (!retention.storesRecords()) {
            return out;
        }
        for (ChatMessage m : messages) {
            if ("system".equals(m.role())) {
                continue;
            }
            String text = m.content() == null ? "" : m.content();
            String kept = switch (retention) {
                case FULL -> "assistant".equals(m.role()) ? profile.redactAll(text).text() : text;
                case REDACTED -> profile.redactAll(text).text();
                default -> null;
            };
            List<Turn.Call> calls = kept == null ? null : m.toolCalls().stream()
                    .map(c -> new Turn.Call(c.id(), c.name(), keptArguments(c.arguments(), retention, profile)))
                    .toList();
            out.add(new Turn(m.role(), kept, streamId, now, budget.tokens(text), fingerprint.of(text), calls,
                    m.toolCallId(), m.name()));
        }
        return out;
    }

    /** Arguments are the model's text: masked under {@code redacted} and {@code full}, as assistant text is. */
    private static String keptArguments(String arguments, RetentionPolicy retention, MaskingProfile profile) {
        String text = arguments == null ? "" : arguments;
        return retention.storesText() ? profile.redactAll(text).text() : null;
    }

    /** The reply of a generation, already masked by the stream's redactor. */
    public Turn reply(String maskedText, RetentionPolicy retention, String streamId, int tokens, long now) {
        return new Turn("assistant", retention.storesText() ? maskedText : null, streamId, now, tokens,
                fingerprint.of(maskedText));
    }

    /**
     * The reply of a generation with the tool calls it made, already masked by the stream's redactor;
     * the calls are kept when retention keeps text.
     */
    public Turn reply(String maskedText, List<StreamSummary.ToolCallSummary> calls, RetentionPolicy retention,
                      String streamId, int tokens, long now) {
        Turn text = reply(maskedText, retention, streamId, tokens, now);
        if (calls.isEmpty() || !retention.storesText()) {
            return text;
        }
        return new Turn(text.role(), text.content(), streamId, now, tokens, text.fingerprint(),
                calls.stream().map(c -> new Turn.Call(c.id(), c.name(), c.arguments())).toList(), null, null);
    }

    /** The history that goes upstream: the turns that kept their text, with their tool calls. */
    public static List<ChatMessage> context(Session session) {
        List<ChatMessage> out = new ArrayList<>(session.history().size());
        for (Turn t : session.history()) {
            if (t.content() != null) {
                List<ToolCall> calls = t.toolCalls() == null ? List.of() : t.toolCalls().stream()
                        .map(c -> new ToolCall(c.id(), c.name(), c.arguments())).toList();
                out.add(new ChatMessage(t.role(), t.content(), calls, t.toolCallId(), t.name()));
            }
        }
        return out;
    }
}
