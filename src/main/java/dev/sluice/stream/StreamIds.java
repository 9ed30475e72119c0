package dev.sluice.stream;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Unguessable stream ids: 128 random bits from a CSPRNG, so an id is also a capability. */
public final class StreamIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamIds() {}

    public static String newStreamId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "str_" + HexFormat.of().formatHex(bytes);
    }

    /** Whether the text has the shape of an id this class makes (cheap check before any lookup). */
    public static boolean looksValid(String id) {
        if (id == null || id.length() != 36 || !id.startsWith("str_")) {
            return false;
        }
        for (int i = 4; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
