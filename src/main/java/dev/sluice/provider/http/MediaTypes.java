package dev.sluice.provider.http;

import java.util.Set;

/** Response media types the adapters accept for a streamed body. */
public final class MediaTypes {

    public static final Set<String> SSE = Set.of("text/event-stream");
    public static final Set<String> NDJSON = Set.of("application/x-ndjson", "application/ndjson");

    private MediaTypes() {}
}
