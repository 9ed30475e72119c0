package dev.sluice.provider.http;

import dev.sluice.flow.Expander;
import dev.sluice.model.Delta;
import io.netty.buffer.ByteBuf;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole decoding of an upstream body in one step: each read is split into the wire format's
 * messages (SSE events, NDJSON lines), and each message is mapped to deltas at once. One stage
 * instead of two {@code transformToIterable}s, each of which made an inner Multi and its
 * subscription per read and per message.
 *
 * @param <E> the wire format's message
 */
final class UpstreamDecoder<E> implements Expander<Buffer, Delta> {

    /** A wire format's incremental parser: reads in, whole messages out, for any split of the bytes. */
    interface Framing<E> {
        void feed(ByteBuf read, Consumer<E> messages);

        /** At the end of the body: what an unterminated last message completes. */
        void finish(Consumer<E> messages);
    }

    private final Framing<E> framing;
    private final StreamMapper<E> mapper;
    private final Consumer<E> onMessage = this::message;
    /** Where the deltas of the read being fed go. */
    private Consumer<Delta> out;

    UpstreamDecoder(Framing<E> framing, StreamMapper<E> mapper) {
        this.framing = framing;
        this.mapper = mapper;
    }

    @Override
    public void accept(Buffer read, Consumer<Delta> deltas) {
        out = deltas;
        // The read as Netty received it: parsed in place, not copied into a byte[] first.
        framing.feed(read.getDelegate().getByteBuf(), onMessage);
    }

    @Override
    public void finish(Consumer<Delta> deltas) {
        out = deltas;
        framing.finish(onMessage);
        emit(mapper.end());
    }

    private void message(E message) {
        emit(mapper.map(message));
    }

    private void emit(List<Delta> deltas) {
        for (int i = 0; i < deltas.size(); i++) {
            out.accept(deltas.get(i));
        }
    }
}
