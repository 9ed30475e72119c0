package dev.sluice.session;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.provider.BpeVocabularies;
import dev.sluice.provider.ChatMessage;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a session's context into its token budget: the system message and the newest turn are
 * always sent, history is pruned oldest first. Each message costs its content's tokens plus
 * {@link #PER_MESSAGE} for its role and framing, as OpenAI counts chat messages.
 */
@Startup // loading a BPE vocabulary takes a second: at start, not inside a client's first request
@Singleton
public class ContextBudget {

    static final int PER_MESSAGE = 3;

    private final EncodingType type;
    /** Loaded at start, or at the first count with {@code sluice.sessions.preload-encoding=false}. */
    private volatile Encoding encoding;

    ContextBudget(SessionConfig config) {
        this.type = BpeVocabularies.type(config.encoding())
                .orElseThrow(() -> new IllegalStateException("sluice.sessions.encoding: unknown encoding '"
                        + config.encoding() + "'"));
        if (config.preloadEncoding()) {
            this.encoding = BpeVocabularies.of(type);
        }
    }

    public int tokens(String text) {
        return text == null || text.isEmpty() ? 0 : encoding().countTokens(text);
    }

    private Encoding encoding() {
        Encoding loaded = encoding;
        if (loaded == null) {
            loaded = BpeVocabularies.of(type); // the shared registry loads it once
            encoding = loaded;
        }
        return loaded;
    }

    public int tokens(ChatMessage message) {
        return tokens(message.content()) + PER_MESSAGE;
    }

    /**
     * The messages to send: {@code system}, the newest history that fits, then {@code newest}.
     *
     * @param budget most tokens; 0 = unbounded
     * @throws SessionRequestException 400 {@code context_length_exceeded} with the numbers when the
     *         system message and the newest turn alone exceed the budget
     */
    public List<ChatMessage> fit(ChatMessage system, List<ChatMessage> history, List<ChatMessage> newest, int budget) {
        int fixed = (system == null ? 0 : tokens(system));
        for (ChatMessage m : newest) {
            fixed += tokens(m);
        }
        if (budget > 0 && fixed > budget) {
            throw new SessionRequestException("messages", "context_length_exceeded", "The newest turn needs "
                    + fixed + " tokens with the session's system message, but the session's context budget is "
                    + budget + " tokens. Send a shorter message or create the session with a larger context_budget.");
        }
        int room = budget > 0 ? budget - fixed : Integer.MAX_VALUE;
        int from = history.size();
        while (from > 0) {
            int cost = tokens(history.get(from - 1));
            if (cost > room) {
                break;
            }
            room -= cost;
            from--;
        }
        List<ChatMessage> out = new ArrayList<>(1 + history.size() - from + newest.size());
        if (system != null) {
            out.add(system);
        }
        out.addAll(history.subList(from, history.size()));
        out.addAll(newest);
        return out;
    }
}
