package dev.sluice.provider.http;

import dev.sluice.model.Delta;
import java.util.List;

/**
 * The provider-specific half of an adapter: turns each parsed upstream message into deltas and,
 * at the end of the body, checks the stream was complete. A fresh mapper serves each
 * subscription, so it may keep state (usage seen so far, the finish reason).
 *
 * @param <E> a parsed upstream message: an {@link SseEvent} or an NDJSON line
 */
public interface StreamMapper<E> {

    /** @throws dev.sluice.provider.ProviderException for an error event or a malformed message */
    List<Delta> map(E message);

    /**
     * Called once the upstream body ended: the deltas held back for the end (usage, finish).
     *
     * @throws dev.sluice.provider.ProviderException when the stream ended before its terminal message
     */
    List<Delta> end();
}
