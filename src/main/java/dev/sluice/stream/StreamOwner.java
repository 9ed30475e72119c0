package dev.sluice.stream;

import java.util.function.LongConsumer;

/**
 * Who started a stream: only that tenant may read, resume, cancel or inspect it (anyone else
 * is told it does not exist). {@code onEnded} learns the completion tokens the stream cost, once,
 * when it ends or fails to start (rate limits count them).
 *
 * @param tenant  the owning tenant; "" in open mode
 * @param onEnded receives the completion tokens (from the stream's usage, else its text events)
 */
public record StreamOwner(String tenant, LongConsumer onEnded) {

    /** The owner of every stream in open mode. */
    public static final StreamOwner OPEN = new StreamOwner("", tokens -> { });

    public StreamOwner {
        tenant = tenant == null ? "" : tenant;
        onEnded = onEnded == null ? tokens -> { } : onEnded;
    }
}
