package dev.sluice.stream.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8AssemblerTest {

    private static final String TEXT = "é 東京 👩‍💻 🇯🇵 ∑ ok";

    @Test
    void everySingleAndDoubleSplitOfTheBytesComesOutWhole() {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i <= bytes.length; i++) {
            for (int j = i; j <= bytes.length; j++) {
                Utf8Assembler assembler = new Utf8Assembler();
                String out = assembler.accept(Arrays.copyOfRange(bytes, 0, i))
                        + assembler.accept(Arrays.copyOfRange(bytes, i, j))
                        + assembler.accept(Arrays.copyOfRange(bytes, j, bytes.length))
                        + assembler.flush();
                assertEquals(TEXT, out, "split at " + i + "," + j);
            }
        }
    }

    @Test
    void byteByByteNeverEmitsAPartialCharacter() {
        Utf8Assembler assembler = new Utf8Assembler();
        StringBuilder out = new StringBuilder();
        for (byte b : TEXT.getBytes(StandardCharsets.UTF_8)) {
            String piece = assembler.accept(new byte[] {b});
            assertFalse(piece.contains("\uFFFD"));
            assertFalse(!piece.isEmpty() && Character.isHighSurrogate(piece.charAt(piece.length() - 1)));
            out.append(piece);
        }
        assertEquals(TEXT, out.append(assembler.flush()).toString());
    }

    @Test
    void aLoneHighSurrogateInTextIsHeldForItsPair() {
        Utf8Assembler assembler = new Utf8Assembler();
        String emoji = "🎉";
        assertEquals("a", assembler.accept("a" + emoji.charAt(0)));
        assertEquals(emoji + "b", assembler.accept(emoji.charAt(1) + "b"));
    }

    @Test
    void bytesThatNeverCompleteBecomeReplacementCharactersAtTheEnd() {
        Utf8Assembler assembler = new Utf8Assembler();
        assertEquals("x", assembler.accept(new byte[] {'x', (byte) 0xE6, (byte) 0x9D}));
        assertEquals("\uFFFD", assembler.flush());
    }
}
