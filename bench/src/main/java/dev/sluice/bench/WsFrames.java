package dev.sluice.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** The {@code type} of a Sluice WebSocket frame, read from its bytes without parsing the JSON. */
final class WsFrames {

    enum Type { STARTED, START, DELTA, DONE, ERROR, REJECTED, OTHER }

    private static final byte[] KEY = "\"type\"".getBytes(StandardCharsets.US_ASCII);

    private WsFrames() {
    }

    /**
     * The value of the frame's first {@code "type"} key. Inside a JSON string a quote is
     * escaped, so the first unescaped {@code "type"} followed by a colon is a key; Sluice writes it first.
     */
    static Type type(ByteBuf frame) {
        int end = frame.writerIndex();
        for (int i = frame.readerIndex(); i + KEY.length < end; i++) {
            if (!matches(frame, i, KEY)) {
                continue;
            }
            int j = skipSpace(frame, i + KEY.length, end);
            if (j >= end || frame.getByte(j) != ':') {
                continue;
            }
            j = skipSpace(frame, j + 1, end);
            if (j >= end || frame.getByte(j) != '"') {
                return Type.OTHER;
            }
            int close = frame.indexOf(j + 1, end, (byte) '"');
            if (close < 0) {
                return Type.OTHER;
            }
            return switch (frame.toString(j + 1, close - j - 1, StandardCharsets.US_ASCII)) {
                case "delta" -> Type.DELTA;
                case "done" -> Type.DONE;
                case "error" -> Type.ERROR;
                case "started" -> Type.STARTED;
                case "start" -> Type.START;
                case "rejected" -> Type.REJECTED;
                default -> Type.OTHER;
            };
        }
        return Type.OTHER;
    }

    private static boolean matches(ByteBuf frame, int at, byte[] word) {
        for (int k = 0; k < word.length; k++) {
            if (frame.getByte(at + k) != word[k]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(ByteBuf frame, int i, int end) {
        while (i < end && (frame.getByte(i) == ' ' || frame.getByte(i) == '\t' || frame.getByte(i) == '\n' || frame.getByte(i) == '\r')) {
            i++;
        }
        return i;
    }
}
