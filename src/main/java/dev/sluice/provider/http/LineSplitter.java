package dev.sluice.provider.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines ended by LF, CR or CRLF, for any split of the bytes into
 * reads. A line is handed on as bytes only once complete, so a multi-byte UTF-8 character split
 * across reads is never torn (terminators are ASCII and never occur inside a UTF-8 sequence).
 * Vert.x's {@code RecordParser} knows a single delimiter only, which misses bare-CR lines and
 * a CRLF split across two reads, so this small splitter does it.
 *
 * <p>The terminators are found with Netty's byte search over the read as it came from the socket
 * and each line is copied once, in bulk, into a reused array: no String, no per-byte append.
 */
public final class LineSplitter {

    /** Receives each complete line, without its terminator; the array is only valid during the call. */
    @FunctionalInterface
    public interface LineSink {
        void line(byte[] bytes, int offset, int length);
    }

    private byte[] pending = new byte[256];
    private int length;
    private boolean lastWasCr;

    /** Feeds one read; passes each line it completes to {@code sink}. */
    public void feed(ByteBuf read, LineSink sink) {
        int i = read.readerIndex();
        int end = read.writerIndex();
        if (lastWasCr && i < end) {
            lastWasCr = false;
            if (read.getByte(i) == '\n') {
                i++; // the LF of a CRLF already ended its line
            }
        }
        while (i < end) {
            int eol = read.forEachByte(i, end - i, ByteProcessor.FIND_CRLF);
            if (eol < 0) {
                append(read, i, end - i);
                return;
            }
            append(read, i, eol - i);
            sink.line(pending, 0, length);
            length = 0;
            i = eol + 1;
            if (read.getByte(eol) == '\r') {
                if (i < end) {
                    if (read.getByte(i) == '\n') {
                        i++;
                    }
                } else {
                    lastWasCr = true;
                }
            }
        }
    }

    /** At end of input: the unterminated last line, if any. */
    public void finish(LineSink sink) {
        if (length > 0) {
            sink.line(pending, 0, length);
            length = 0;
        }
    }

    /** Feeds one read; returns the lines it completed, as text. */
    public List<String> feed(byte[] bytes) {
        List<String> lines = new ArrayList<>();
        feed(Unpooled.wrappedBuffer(bytes), (b, off, len) -> lines.add(new String(b, off, len, StandardCharsets.UTF_8)));
        return lines;
    }

    /** At end of input: the unterminated last line, if any, as text. */
    public List<String> finish() {
        List<String> lines = new ArrayList<>(1);
        finish((b, off, len) -> lines.add(new String(b, off, len, StandardCharsets.UTF_8)));
        return lines;
    }

    /** Feeds one read; passes each line it completes, as text, to {@code lines}. */
    public void feed(ByteBuf read, Consumer<String> lines) {
        feed(read, (b, off, len) -> lines.accept(new String(b, off, len, StandardCharsets.UTF_8)));
    }

    private void append(ByteBuf read, int from, int count) {
        if (count == 0) {
            return;
        }
        if (length + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
        read.getBytes(from, pending, length, count);
        length += count;
    }
}
