package dev.sluice.provider.simulator;

import static dev.sluice.provider.simulator.SimulatorFixture.CORPUS;
import static dev.sluice.provider.simulator.SimulatorFixture.ENCODING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.api.IntArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CorpusTest {

    @Test
    void corpusIsMultilingualWithMultiCodepointEmoji() {
        String text = CORPUS.text();
        for (String sample : new String[] {"éclusier", "Größere", "água", "水闸", "水門", "👩‍💻", "👨‍👩‍👧‍👦", "🇵🇹", "🏳️‍🌈"}) {
            assertTrue(text.contains(sample), "corpus lacks " + sample);
        }
    }

    @Test
    void tokensAreJtokkitsEncodingOfTheText() {
        assertArrayEquals(ENCODING.encodeOrdinary(CORPUS.text()).toArray(), CORPUS.tokens());
        assertTrue(CORPUS.text().endsWith(".\n\n"), "paragraphs, the last included, end with one blank line");
    }

    @Test
    void everyParagraphStartIsATokenBoundary() {
        int paragraphs = CORPUS.text().split("\n\n").length;
        int[] starts = CORPUS.paragraphStarts();
        assertEquals(9, paragraphs);
        assertEquals(paragraphs, starts.length);
        assertEquals(0, starts[0]);
        for (int start : starts) {
            String before = ENCODING.decode(slice(CORPUS.tokens(), 0, start));
            assertTrue(before.isEmpty() || before.endsWith("\n\n"), "token " + start + " starts mid-paragraph");
        }
    }

    @Test
    void readingFromAnyParagraphWithWrapGivesTheEncodingOfThatText() {
        int[] tokens = CORPUS.tokens();
        for (int start : CORPUS.paragraphStarts()) {
            int[] rotated = new int[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                rotated[i] = tokens[(start + i) % tokens.length];
            }
            String text = ENCODING.decode(slice(rotated, 0, rotated.length));
            assertArrayEquals(ENCODING.encodeOrdinary(text).toArray(), rotated, "rotation at token " + start);
        }
    }

    private static IntArrayList slice(int[] tokens, int from, int to) {
        IntArrayList list = new IntArrayList(to - from);
        Arrays.stream(tokens, from, to).forEach(list::add);
        return list;
    }
}
