package dev.sluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.api.EncodingType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every caller gets the one loaded copy of a vocabulary, and names resolve as configured. */
class BpeVocabulariesTest {

    @Test
    void aVocabularyIsLoadedOnceAndShared() {
        assertSame(BpeVocabularies.of(EncodingType.O200K_BASE), BpeVocabularies.of(EncodingType.O200K_BASE));
        assertEquals(2,
                BpeVocabularies.of(EncodingType.O200K_BASE).countTokens("hello world"));
    }

    @Test
    void namesResolveIgnoringCaseAndBlanks() {
        assertEquals(Optional.of(EncodingType.O200K_BASE), BpeVocabularies.type(" O200K_base "));
        assertEquals(Optional.of(EncodingType.CL100K_BASE), BpeVocabularies.type("cl100k_base"));
        assertTrue(BpeVocabularies.type("nope_base").isEmpty());
        assertTrue(BpeVocabularies.type(null).isEmpty());
    }
}
