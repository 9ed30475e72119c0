package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;

/** Bytes of single tokens, and whether a byte run ends on a UTF-8 character boundary. */
final class TokenText {

    private TokenText() {}

    static byte[] bytes(Encoding encoding, int token) {
        IntArrayList one = new IntArrayList(1);
        one.add(token);
        return encoding.decodeBytes(one);
    }

    /** Whether {@code bytes} ends with a complete UTF-8 sequence (or is empty). */
    static boolean completeUtf8(byte[] bytes) {
        int i = bytes.length - 1;
        int continuation = 0;
        while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 3) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return continuation == 0;
        }
        int lead = bytes[i] & 0xFF;
        int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return continuation + 1 >= length;
    }
}
