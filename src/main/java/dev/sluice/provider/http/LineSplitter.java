package dev.sluice.provider.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines ended by LF, CR or CRLF, for any split of the bytes into
 * reads. Lines are decoded only once complete, so a multi-byte UTF-8 character split across
 * reads is never torn (terminators are ASCII and never occur inside a UTF-8 sequence).
 * Vert.x's {@code RecordParser} knows a single delimiter only, which misses bare-CR lines and
 * a CRLF split across two reads, so this small splitter does it.
 */
public final class LineSplitter {

    private byte[] pending = new byte[256];
    private int length;
    private boolean lastWasCr;

    /** Feeds one read; returns the lines it completed, without their terminators. */
    public List<String> feed(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        feed(bytes, lines::add);
        return lines;
    }

    /** Feeds one read; passes each line it completes, without its terminator, to {@code lines}. */
    public void feed(byte[] bytes, Consumer<String> lines) {
        for (byte b : bytes) {
            if (lastWasCr) {
                lastWasCr = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF already ended its line
                }
            }
            if (b == '\n' || b == '\r') {
                lines.accept(take());
                lastWasCr = b == '\r';
            } else {
                append(b);
            }
        }
    }

    /** At end of input: the unterminated last line, if any. */
    public List<String> finish() {
        return length == 0 ? List.of() : List.of(take());
    }

    private void append(byte b) {
        if (length == pending.length) {
            pending = Arrays.copyOf(pending, length * 2);
        }
        pending[length++] = b;
    }

    private String take() {
        String line = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        return line;
    }
}
