package dev.sluice.session;

import dev.sluice.audit.PromptFingerprint;
import dev.sluice.policy.masking.MaskingProfile;
import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.provider.ChatMessage;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns messages into history as retention allows: no text under {@code metadata} (tokens and a
 * fingerprint only), masked text under {@code redacted}, the client's text under {@code full}.
 * Assistant text is always the masked text the journal holds.
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
            out.add(new Turn(m.role(), kept, streamId, now, budget.tokens(text), fingerprint.of(text)));
        }
        return out;
    }

    /** The reply of a generation, already masked by the stream's redactor. */
    public Turn reply(String maskedText, RetentionPolicy retention, String streamId, int tokens, long now) {
        return new Turn("assistant", retention.storesText() ? maskedText : null, streamId, now, tokens,
                fingerprint.of(maskedText));
    }

    /** The history that goes upstream: the turns that kept their text. */
    public static List<ChatMessage> context(Session session) {
        List<ChatMessage> out = new ArrayList<>(session.history().size());
        for (Turn t : session.history()) {
            if (t.content() != null) {
                out.add(new ChatMessage(t.role(), t.content()));
            }
        }
        return out;
    }
}
