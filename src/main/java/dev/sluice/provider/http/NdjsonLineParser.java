package dev.sluice.provider.http;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/** Splits a streamed newline-delimited JSON body into its non-blank lines, for any split of the bytes. */
public final class NdjsonLineParser implements UpstreamDecoder.Framing<String> {

    private final LineSplitter lines = new LineSplitter();

    @Override
    public void feed(ByteBuf read, Consumer<String> out) {
        lines.feed(read, line -> {
            if (!line.isBlank()) {
                out.accept(line);
            }
        });
    }

    @Override
    public void finish(Consumer<String> out) {
        for (String line : lines.finish()) {
            if (!line.isBlank()) {
                out.accept(line);
            }
        }
    }
}
