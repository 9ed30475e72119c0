package dev.sluice.stream.frame;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns byte-level tokens into text without ever splitting a code point: the trailing bytes of
 * an incomplete UTF-8 sequence are kept until the bytes that complete it arrive. Malformed
 * bytes become U+FFFD. Text input is passed through, except that a trailing lone high
 * surrogate is held back until its low surrogate arrives.
 */
public final class Utf8Assembler {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pendingBytes = ByteBuffer.allocate(0);
    private char pendingHigh;

    /** Decodes what is complete, keeping an incomplete trailing sequence for later. */
    public String accept(byte[] bytes) {
        if (!pendingBytes.hasRemaining() && isAscii(bytes)) {
            // Most tokens: nothing pending and nothing to assemble, so no decoder and no buffers.
            return accept(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        ByteBuffer in;
        if (pendingBytes.hasRemaining()) {
            in = ByteBuffer.allocate(pendingBytes.remaining() + bytes.length);
            in.put(pendingBytes).put(bytes).flip();
        } else {
            in = ByteBuffer.wrap(bytes);
        }
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pendingBytes = in.hasRemaining() ? ByteBuffer.wrap(copyRemaining(in)) : ByteBuffer.allocate(0);
        out.flip();
        return accept(out.toString());
    }

    /** Passes text through, holding back a trailing lone high surrogate. */
    public String accept(String text) {
        if (text.isEmpty() && pendingHigh == 0) {
            return text;
        }
        String joined = pendingHigh != 0 ? pendingHigh + text : text;
        pendingHigh = 0;
        int n = joined.length();
        if (n > 0 && Character.isHighSurrogate(joined.charAt(n - 1))) {
            pendingHigh = joined.charAt(n - 1);
            return joined.substring(0, n - 1);
        }
        return joined;
    }

    /** Ends the input: whatever is still incomplete becomes U+FFFD. */
    public String flush() {
        StringBuilder rest = new StringBuilder();
        if (pendingBytes.hasRemaining()) {
            CharBuffer out = CharBuffer.allocate(pendingBytes.remaining() + 1);
            decoder.decode(pendingBytes, out, true);
            decoder.flush(out);
            out.flip();
            rest.append(out);
            if (pendingBytes.hasRemaining()) {
                rest.append('\uFFFD');
            }
            pendingBytes = ByteBuffer.allocate(0);
            decoder.reset();
        }
        if (pendingHigh != 0) {
            rest.append('\uFFFD');
            pendingHigh = 0;
        }
        return rest.toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] copyRemaining(ByteBuffer in) {
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        return rest;
    }
}
