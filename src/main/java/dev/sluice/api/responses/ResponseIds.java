package dev.sluice.api.responses;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Response ids ({@code resp_} + 128 random bits, unguessable like stream ids) and the ids of a
 * response's output items, derived from the response id and the item's position: a replay of the
 * same journal, on any replica, names every item the same.
 */
final class ResponseIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "resp_";

    private ResponseIds() {}

    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return PREFIX + HexFormat.of().formatHex(bytes);
    }

    /** Whether the text has the shape of an id this class makes (cheap check before any lookup). */
    static boolean looksValid(String id) {
        if (id == null || id.length() != PREFIX.length() + 32 || !id.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** {@code msg_…}, {@code rs_…} or {@code fc_…} for the item at {@code outputIndex}. */
    static String item(String prefix, String responseId, int outputIndex) {
        return prefix + "_" + responseId.substring(PREFIX.length()) + "_" + outputIndex;
    }
}
