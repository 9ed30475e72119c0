package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import dev.sluice.model.Delta;
import dev.sluice.model.StreamPart;
import java.util.List;
import java.util.function.Supplier;

/**
 * Masks the arguments of one tool call, JSON text that arrives in fragments, so that what it releases
 * still parses as the same JSON with only the detected values replaced. A small streaming lexer tracks
 * where the released text is (outside a string, in a string, in an escape):
 * <ul>
 *   <li>a string's content is decoded (escapes resolved) and masked like any text, by a redactor of
 *       its own, so a match never spans two strings nor splits an escape; what it releases is written
 *       back as JSON string text, so a replacement can hold no bare {@code "} or {@code \} (escapes
 *       come out in their shortest form: <code>&#92;u00fc</code> as {@code ü});</li>
 *   <li>a bare value outside strings (a number, {@code true}, …) is held whole until it ends and
 *       masked as a unit: when a detector matched in it (a card number written as a JSON number),
 *       the value becomes a string of the masked text, {@code 4111111111111111} → {@code "[CARD]"};</li>
 *   <li>structure ({@code {}[]:,}) and whitespace pass at once.</li>
 * </ul>
 * Text that is not JSON is lexed the same way and stays as parseable as it was. One instance per call.
 */
final class JsonArgumentsMasker {

    /** A bare value longer than this is not a number a model writes: it is masked as a string from here on. */
    static final int MAX_BARE_VALUE = 4096;

    private enum Where { OUTSIDE, STRING, ESCAPE, UNICODE }

    private final int index;
    private final Supplier<StreamingRedactor> redactors;
    private Where where = Where.OUTSIDE;
    /** Decoded characters of the current string (or quoted bare value) not yet given to {@link #text}. */
    private final StringBuilder decoded = new StringBuilder();
    private final StringBuilder hex = new StringBuilder(4);
    /** The bare value being collected outside strings. */
    private final StringBuilder bare = new StringBuilder();
    /** A bare value that outgrew {@link #MAX_BARE_VALUE}: opened as a string, masked as it streams. */
    private boolean quotedBare;
    /** The redactor of the current string's content, or null outside strings. */
    private StreamingRedactor text;
    /** No character but whitespace yet: whether the arguments are JSON is still open. */
    private boolean undecided = true;
    /** The redactor of arguments that are not JSON (they do not start with {, [ or "), else null. */
    private StreamingRedactor plain;
    /** A high surrogate released at the end of a piece, written once its low half follows. */
    private char highSurrogate;
    private PolicyViolationException blocked;

    /** What to release: JSON text, and a redaction right before each replacement's text. */
    private final StringBuilder json = new StringBuilder();
    private List<StreamPart> out;

    JsonArgumentsMasker(int index, Supplier<StreamingRedactor> redactors) {
        this.index = index;
        this.redactors = redactors;
    }

    /** The failure the stream must end with once a {@code block} detector matched, else null. */
    PolicyViolationException blocked() {
        return blocked;
    }

    /** Feeds the next fragment of the arguments; appends what may be released to {@code sink}. */
    void accept(String fragment, List<StreamPart> sink) {
        out = sink;
        for (int i = 0; i < fragment.length() && blocked == null; i++) {
            lex(fragment.charAt(i));
        }
        feedString();
        release();
    }

    /** Releases everything held (end of the stream, or another kind of delta follows). */
    void flush(List<StreamPart> sink) {
        out = sink;
        if (where == Where.OUTSIDE) {
            endBare();
        } else if (blocked == null) {
            feedString();
            if (text != null) {
                masked(text.flush());
            }
        }
        release();
    }

    private void lex(char c) {
        switch (where) {
            case OUTSIDE -> outside(c);
            case STRING -> {
                if (c == '\\') {
                    where = Where.ESCAPE;
                } else if (c == '"') {
                    endString();
                } else {
                    decoded.append(c);
                }
            }
            case ESCAPE -> {
                where = Where.STRING;
                switch (c) {
                    case '"', '\\', '/' -> decoded.append(c);
                    case 'n' -> decoded.append('\n');
                    case 't' -> decoded.append('\t');
                    case 'r' -> decoded.append('\r');
                    case 'b' -> decoded.append('\b');
                    case 'f' -> decoded.append('\f');
                    case 'u' -> {
                        where = Where.UNICODE;
                        hex.setLength(0);
                    }
                    default -> decoded.append('\\').append(c); // not JSON; kept as the text it is
                }
            }
            case UNICODE -> {
                if (Character.digit(c, 16) >= 0) {
                    hex.append(c);
                    if (hex.length() == 4) {
                        decoded.append((char) Integer.parseInt(hex.toString(), 16));
                        where = Where.STRING;
                    }
                } else {
                    decoded.append("\\u").append(hex);
                    where = Where.STRING;
                    lex(c);
                }
            }
        }
    }

    private void outside(char c) {
        if (plain != null) {
            decoded.append(c);
            return;
        }
        if (undecided) {
            if (Character.isWhitespace(c)) {
                json.append(c);
                return;
            }
            undecided = false;
            if (c != '{' && c != '[' && c != '"') {
                // Not JSON (a model that wrote prose): masked as the text it is, nothing to keep parseable.
                plain = redactors.get();
                text = plain;
                quotedBare = true;
                decoded.append(c);
                return;
            }
        }
        if (c == '"' || c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',') {
            endBare();
            if (blocked != null) {
                return;
            }
            json.append(c);
            if (c == '"') {
                where = Where.STRING;
                text = redactors.get();
            }
            return;
        }
        if (quotedBare) {
            decoded.append(c);
            return;
        }
        bare.append(c);
        if (bare.length() > MAX_BARE_VALUE) {
            quotedBare = true;
            text = redactors.get();
            json.append('"');
            decoded.append(bare);
            bare.setLength(0);
        }
    }

    private void endString() {
        feedString();
        if (blocked == null) {
            masked(text.flush());
        }
        closeString();
        where = Where.OUTSIDE;
    }

    private void closeString() {
        if (highSurrogate != 0) {
            JsonStringText.append(json, String.valueOf(highSurrogate));
            highSurrogate = 0;
        }
        json.append('"');
        text = null;
    }

    /**
     * Masks a whole bare value (what stands between two structural characters outside strings, so a
     * card number written {@code 4242 4242 4242 4242} without quotes is one value too); one with a
     * detected value becomes a string of the masked text, the whitespace around it kept outside.
     */
    private void endBare() {
        if (plain != null) {
            feedString();
            if (blocked == null) {
                masked(plain.flush());
                if (highSurrogate != 0) {
                    json.append(highSurrogate);
                    highSurrogate = 0;
                }
            }
            return;
        }
        if (quotedBare) {
            feedString();
            if (blocked == null) {
                masked(text.flush());
                closeString();
            }
            quotedBare = false;
            return;
        }
        int start = 0;
        int end = bare.length();
        while (start < end && Character.isWhitespace(bare.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(bare.charAt(end - 1))) {
            end--;
        }
        json.append(bare, 0, start);
        if (start < end) {
            String value = bare.substring(start, end);
            StreamingRedactor redactor = redactors.get();
            List<StreamPart> first = redactor.accept(Delta.Text.content(value));
            List<StreamPart> rest = redactor.flush();
            if (first.stream().noneMatch(Redaction.class::isInstance)
                    && rest.stream().noneMatch(Redaction.class::isInstance)) {
                json.append(value);
            } else {
                json.append('"');
                text = redactor;
                masked(first);
                masked(rest);
                if (blocked != null) {
                    return;
                }
                closeString();
            }
        }
        json.append(bare, end, bare.length());
        bare.setLength(0);
    }

    /** Gives the decoded string characters to the string's redactor. */
    private void feedString() {
        if (decoded.isEmpty() || text == null || blocked != null) {
            decoded.setLength(0);
            return;
        }
        String piece = decoded.toString();
        decoded.setLength(0);
        masked(text.accept(Delta.Text.content(piece)));
    }

    /** Writes a redactor's output as JSON string text, with its redactions in place. */
    private void masked(List<StreamPart> deltas) {
        for (StreamPart d : deltas) {
            if (d instanceof Delta.Text t) {
                String piece = t.text();
                if (highSurrogate != 0) {
                    piece = highSurrogate + piece;
                    highSurrogate = 0;
                }
                if (!piece.isEmpty() && Character.isHighSurrogate(piece.charAt(piece.length() - 1))) {
                    highSurrogate = piece.charAt(piece.length() - 1);
                    piece = piece.substring(0, piece.length() - 1);
                }
                if (plain != null) {
                    json.append(piece);
                } else {
                    JsonStringText.append(json, piece);
                }
            } else {
                release();
                out.add(d);
            }
        }
        if (text != null && text.blocked() != null) {
            blocked = text.blocked();
        }
    }

    private void release() {
        if (!json.isEmpty() && blocked == null) {
            out.add(new Delta.ToolCall(index, null, null, json.toString()));
        }
        json.setLength(0);
    }
}
