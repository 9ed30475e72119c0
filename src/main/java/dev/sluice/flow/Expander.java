package dev.sluice.flow;

import java.util.function.Consumer;

/**
 * A stateful step that turns each upstream item into zero, one or several outputs, and may
 * have more to say when the upstream completes (a parser's unterminated last line, bytes of an
 * unfinished character). One instance per subscription, fed in order, not thread-safe.
 *
 * @param <I> upstream items
 * @param <O> outputs
 */
public interface Expander<I, O> {

    /** Passes the outputs {@code item} completes to {@code out}, in order; may throw to fail the stream. */
    void accept(I item, Consumer<O> out);

    /** Called once when the upstream completed (not when it failed): the outputs held for the end. */
    default void finish(Consumer<O> out) {
    }

    /**
     * Called once when the upstream failed, before the failure goes on: what is held that must
     * still be delivered (by default nothing: held input is dropped with the failure).
     */
    default void beforeFailure(Consumer<O> out) {
    }
}
