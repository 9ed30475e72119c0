package dev.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * Reads an OpenAI chat-completions SSE stream, however its bytes are chunked, and reports per
 * event what a benchmark times: a chunk with non-empty {@code delta.content} (its length in
 * encoded bytes), a {@code finish_reason}, a {@code usage} object, {@code [DONE]}, or an
 * {@code error} object. Events are dispatched at their blank line, their {@code data:} lines
 * joined with a newline, as the SSE specification says; comments and other fields are ignored.
 * It looks at the bytes of each event's data in place (no JSON tree), tolerating whitespace
 * around the colons, so it reads OpenAI's, vLLM's, Sluice's or Python-formatted chunks alike.
 */
final class OpenAiSseParser implements ByteProcessor {

    /** Called on the connection's event loop, once per event in stream order. */
    interface Listener {
        /** A chunk carried {@code bytes} (> 0) bytes of content, as encoded in the JSON string. */
        void onContent(int bytes);

        void onFinish();

        void onUsage();

        void onDone();

        /** An {@code {"error": …}} event; {@code data} is its text (at most 512 characters). */
        void onError(String data);
    }

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT = "\"content\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINISH = "\"finish_reason\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE = "\"usage\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_EVENT = 4 << 20;

    private final Listener listener;
    private byte[] line = new byte[512];
    private int lineLength;
    private byte[] data = new byte[512];
    private int dataLength;
    private boolean hasData;
    private boolean previousWasCr;

    OpenAiSseParser(Listener listener) {
        this.listener = listener;
    }

    /** Feeds {@code length} bytes of {@code buffer} from {@code index}, without moving its reader index. */
    void feed(ByteBuf buffer, int index, int length) {
        buffer.forEachByte(index, length, this);
    }

    void feed(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            process(bytes[i]);
        }
    }

    @Override
    public boolean process(byte b) {
        if (b == '\n' && previousWasCr) {
            previousWasCr = false;
            return true; // the second half of CRLF
        }
        previousWasCr = b == '\r';
        if (b == '\n' || b == '\r') {
            endOfLine();
        } else {
            if (lineLength == line.length) {
                line = grow(line, lineLength + 1);
            }
            line[lineLength++] = b;
        }
        return true;
    }

    private void endOfLine() {
        if (lineLength == 0) {
            if (hasData) {
                dispatch();
            }
            hasData = false;
            dataLength = 0;
            return;
        }
        if (lineLength >= DATA.length && startsWith(line, 0, DATA) && (lineLength == DATA.length || line[DATA.length] == ':')) {
            int from = Math.min(lineLength, DATA.length + 1);
            if (from < lineLength && line[from] == ' ') {
                from++;
            }
            int n = lineLength - from;
            int needed = dataLength + n + (hasData ? 1 : 0);
            if (needed > data.length) {
                data = grow(data, needed);
            }
            if (hasData) {
                data[dataLength++] = '\n';
            }
            System.arraycopy(line, from, data, dataLength, n);
            dataLength += n;
            hasData = true;
        } // comments (":") and other fields are not data
        lineLength = 0;
    }

    private void dispatch() {
        int start = skipSpace(0);
        if (equalsAt(start, DONE) && skipSpace(start + DONE.length) == dataLength) {
            listener.onDone();
            return;
        }
        if (start < dataLength && data[start] == '{' && valueAt(skipSpace(start + 1), ERROR) >= 0) {
            listener.onError(new String(data, 0, Math.min(dataLength, 512), StandardCharsets.UTF_8));
            return;
        }
        int content = valueOf(CONTENT);
        if (content >= 0 && data[content] == '"') {
            int n = stringLength(content + 1);
            if (n > 0) {
                listener.onContent(n);
            }
        }
        int finish = valueOf(FINISH);
        if (finish >= 0 && data[finish] == '"') {
            listener.onFinish();
        }
        int usage = valueOf(USAGE);
        if (usage >= 0 && data[usage] == '{') {
            listener.onUsage();
        }
    }

    /** The index of the first byte of the value of the first {@code key}, or -1. */
    private int valueOf(byte[] key) {
        int last = dataLength - key.length;
        for (int i = 0; i <= last; i++) {
            if (data[i] == '"' && startsWith(data, i, key)) {
                int v = valueAt(i, key);
                if (v >= 0) {
                    return v;
                }
            }
        }
        return -1;
    }

    /** If {@code key} then a colon stand at {@code i}, the index of the value after them, else -1. */
    private int valueAt(int i, byte[] key) {
        if (i + key.length > dataLength || !startsWith(data, i, key)) {
            return -1;
        }
        int j = skipSpace(i + key.length);
        if (j >= dataLength || data[j] != ':') {
            return -1;
        }
        j = skipSpace(j + 1);
        return j < dataLength ? j : -1;
    }

    /** Bytes of a JSON string's encoded body starting at {@code from} (after its opening quote). */
    private int stringLength(int from) {
        int i = from;
        while (i < dataLength) {
            byte b = data[i];
            if (b == '\\') {
                i += 2;
            } else if (b == '"') {
                return i - from;
            } else {
                i++;
            }
        }
        return i - from; // unterminated: count what there is
    }

    private int skipSpace(int i) {
        while (i < dataLength && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n')) {
            i++;
        }
        return i;
    }

    private boolean equalsAt(int i, byte[] word) {
        return i + word.length <= dataLength && startsWith(data, i, word);
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] grow(byte[] bytes, int needed) {
        if (needed > MAX_EVENT) {
            throw new IllegalStateException("an SSE event over " + MAX_EVENT + " bytes");
        }
        byte[] bigger = new byte[Math.min(MAX_EVENT, Math.max(needed, bytes.length * 2))];
        System.arraycopy(bytes, 0, bigger, 0, bytes.length);
        return bigger;
    }
}
