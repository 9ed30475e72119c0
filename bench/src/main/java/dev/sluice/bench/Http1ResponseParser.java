package dev.sluice.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response after another from a connection's bytes, however they are
 * chunked: the status line, the headers it needs (transfer-encoding, content-length,
 * connection), then the body, chunked or of fixed length, handed on in place without copying.
 * Only what a Sluice SSE response uses; anything else is a protocol error.
 */
final class Http1ResponseParser {

    /** Receives one response's parts, on the connection's event loop. */
    interface Handler {
        void onHead(int status);

        /** Body bytes (chunk framing removed), valid only during the call. */
        void onBody(ByteBuf buffer, int index, int length);

        /** The response ended; {@code keepAlive} when the connection can carry the next request. */
        void onEnd(boolean keepAlive);
    }

    private enum State { STATUS, HEADER, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, FIXED, UNTIL_CLOSE, DONE }

    private static final int MAX_LINE = 8192;

    private final Handler handler;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private State state = State.STATUS;
    private long remaining;
    private int status;
    private boolean chunked;
    private long contentLength;
    private boolean close;

    Http1ResponseParser(Handler handler) {
        this.handler = handler;
        reset();
    }

    /** Expects a new response: call before sending each request. */
    void reset() {
        state = State.STATUS;
        lineLength = 0;
        status = 0;
        chunked = false;
        contentLength = -1;
        close = false;
    }

    /** Whether the body runs until the connection closes (no length, not chunked). */
    boolean endsAtClose() {
        return state == State.UNTIL_CLOSE;
    }

    /** @throws IllegalStateException naming what is malformed */
    void feed(ByteBuf buffer) {
        int i = buffer.readerIndex();
        int end = buffer.writerIndex();
        while (i < end) {
            switch (state) {
                case CHUNK_DATA, FIXED -> {
                    int n = (int) Math.min(remaining, end - i);
                    handler.onBody(buffer, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.CHUNK_DATA) {
                            state = State.CHUNK_END;
                        } else {
                            finish();
                        }
                    }
                }
                case UNTIL_CLOSE -> {
                    handler.onBody(buffer, i, end - i);
                    i = end;
                }
                case DONE -> i = end; // nothing is pipelined: stray bytes after a response are dropped
                default -> {
                    int lf = buffer.indexOf(i, end, (byte) '\n');
                    int stop = lf < 0 ? end : lf;
                    if (lineLength + stop - i > MAX_LINE) {
                        throw new IllegalStateException("a status, header or chunk-size line over " + MAX_LINE + " bytes");
                    }
                    buffer.getBytes(i, line, lineLength, stop - i);
                    lineLength += stop - i;
                    i = stop;
                    if (lf >= 0) {
                        i = lf + 1;
                        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                        lineLength = 0;
                        onLine(length);
                    }
                }
            }
        }
    }

    private void onLine(int length) {
        switch (state) {
            case STATUS -> {
                String text = ascii(length);
                if (!text.startsWith("HTTP/1.") || text.length() < 12) {
                    throw new IllegalStateException("not an HTTP/1.x status line: " + text);
                }
                status = Integer.parseInt(text.substring(9, 12));
                state = State.HEADER;
            }
            case HEADER -> {
                if (length == 0) {
                    endOfHead();
                } else {
                    header(ascii(length));
                }
            }
            case CHUNK_SIZE -> {
                String text = ascii(length);
                int semicolon = text.indexOf(';');
                long size = Long.parseLong((semicolon < 0 ? text : text.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    state = State.TRAILER;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (length != 0) {
                    throw new IllegalStateException("chunk data longer than its size");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILER -> {
                if (length == 0) {
                    finish();
                }
            }
            default -> throw new IllegalStateException("line in state " + state);
        }
    }

    private void header(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalStateException("malformed header: " + text);
        }
        String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "transfer-encoding" -> chunked = value.contains("chunked");
            case "content-length" -> contentLength = Long.parseLong(value);
            case "connection" -> close = value.contains("close");
            default -> { }
        }
    }

    private void endOfHead() {
        handler.onHead(status);
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            remaining = contentLength;
            state = State.FIXED;
        } else if (contentLength == 0) {
            finish();
        } else {
            close = true;
            state = State.UNTIL_CLOSE;
        }
    }

    private void finish() {
        state = State.DONE;
        handler.onEnd(!close);
    }

    private String ascii(int length) {
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }
}
