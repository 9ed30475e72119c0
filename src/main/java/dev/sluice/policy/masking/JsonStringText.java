package dev.sluice.policy.masking;

/**
 * Writes text as the inside of a JSON string: {@code "} and {@code \} escaped, control characters
 * as {@code \n}, {@code \t}, … or <code>&#92;u00XX</code>, and a surrogate that is not half of a pair as
 * <code>&#92;uXXXX</code> (it has no UTF-8 form). Everything else, non-ASCII included, is written as it is.
 */
final class JsonStringText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonStringText() {}

    static void append(StringBuilder out, CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        unicode(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < length
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }
}
