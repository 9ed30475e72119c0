package dev.sluice.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the {@link ReplayServer} answers to one request: a status, headers and a body sent in
 * randomly sized pieces (seeded), optionally dropping the connection or stalling after some bytes.
 */
public record Reply(int status, String contentType, Map<String, String> headers, byte[] body, long seed,
                    int maxPiece, int dropAfter, int stallAfter) {

    public static Reply stream(String contentType, byte[] body, long seed) {
        return new Reply(200, contentType, Map.of(), body, seed, 64, -1, -1);
    }

    /** Every byte of the body its own write (with the usual 0–3 ms pauses), so every boundary is a chunk boundary. */
    public static Reply byteByByte(String contentType, byte[] body, long seed) {
        return new Reply(200, contentType, Map.of(), body, seed, 1, -1, -1);
    }

    public static Reply status(int status, Map<String, String> headers) {
        return new Reply(status, "application/json", headers,
                "{\"error\":{\"message\":\"upstream secret detail sk-live-123\"}}".getBytes(StandardCharsets.UTF_8),
                1, 4096, -1, -1);
    }

    public static byte[] fixture(String path) {
        try (InputStream in = Reply.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply dropAfter(int bytes) {
        return new Reply(status, contentType, headers, body, seed, maxPiece, bytes, stallAfter);
    }

    public Reply stallAfter(int bytes) {
        return new Reply(status, contentType, headers, body, seed, maxPiece, dropAfter, bytes);
    }

    public Reply contentType(String type) {
        return new Reply(status, type, headers, body, seed, maxPiece, dropAfter, stallAfter);
    }
}
