package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in text, tokenized once and shared by every stream. Text mode starts at a paragraph
 * start (so the emitted tokens are exactly what the tokenizer makes of the emitted text) and wraps
 * around; the text ends with a blank line so the wrap is a paragraph break too.
 */
public final class Corpus {

    static final String RESOURCE = "simulator/corpus.txt";

    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");

    private final String text;
    private final int[] tokens;
    private final int[] paragraphStarts;

    private Corpus(String text, int[] tokens, int[] paragraphStarts) {
        this.text = text;
        this.tokens = tokens;
        this.paragraphStarts = paragraphStarts;
    }

    public static Corpus load(Encoding encoding) {
        try (InputStream in = Corpus.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("simulator corpus missing from the classpath: " + RESOURCE);
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8), encoding);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Normalizes paragraphs to be separated (and followed) by one blank line, then tokenizes. */
    static Corpus of(String raw, Encoding encoding) {
        StringBuilder text = new StringBuilder();
        for (String paragraph : BLANK_LINES.split(raw.replace("\r\n", "\n"))) {
            if (!paragraph.isBlank()) {
                text.append(paragraph.strip()).append("\n\n");
            }
        }
        if (text.isEmpty()) {
            throw new IllegalStateException("simulator corpus is empty");
        }
        String normalized = text.toString();
        int[] tokens = encoding.encodeOrdinary(normalized).toArray();
        return new Corpus(normalized, tokens, paragraphStarts(normalized, tokens, encoding));
    }

    /** Token indices at which a paragraph begins, found by walking the tokens' byte lengths. */
    private static int[] paragraphStarts(String text, int[] tokens, Encoding encoding) {
        Set<Integer> paragraphBytes = new HashSet<>();
        for (int at = text.indexOf("\n\n"); at >= 0 && at + 2 < text.length(); at = text.indexOf("\n\n", at + 2)) {
            paragraphBytes.add(text.substring(0, at + 2).getBytes(StandardCharsets.UTF_8).length);
        }
        int[] starts = new int[tokens.length];
        int count = 0;
        int byteOffset = 0;
        IntArrayList one = new IntArrayList(1);
        for (int i = 0; i < tokens.length; i++) {
            if (i == 0 || paragraphBytes.contains(byteOffset)) {
                starts[count++] = i;
            }
            one.clear();
            one.add(tokens[i]);
            byteOffset += encoding.decodeBytes(one).length;
        }
        return Arrays.copyOf(starts, count);
    }

    /** The normalized text. */
    public String text() { return text; }

    /** Token ids of {@link #text()}; callers must not modify the array. */
    int[] tokens() { return tokens; }

    public int size() { return tokens.length; }

    /** Token indices where paragraphs begin; always contains 0. */
    public int[] paragraphStarts() { return paragraphStarts.clone(); }

    int paragraphCount() { return paragraphStarts.length; }

    int paragraphStart(int paragraph) { return paragraphStarts[paragraph]; }
}
