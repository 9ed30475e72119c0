package dev.sluice.provider.http;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;
import java.util.List;

/** Splits a streamed newline-delimited JSON body into its non-blank lines, for any split of the bytes. */
public final class NdjsonLineParser {

    private NdjsonLineParser() {}

    public static Multi<String> decode(Multi<Buffer> body) {
        return Multi.createFrom().deferred(() -> {
            LineSplitter lines = new LineSplitter();
            return body.onItem().transformToIterable(b -> nonBlank(lines.feed(b.getBytes())))
                    .onCompletion().switchTo(() -> Multi.createFrom().iterable(nonBlank(lines.finish())));
        });
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }
}
