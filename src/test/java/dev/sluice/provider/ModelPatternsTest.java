package dev.sluice.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelPatternsTest {

    @Test
    void aStarMatchesAnyRunOfCharactersSlashesAndColonsIncluded() {
        assertTrue(ModelPatterns.matches("*", "meta-llama/Llama-3.1-8B-Instruct:free"));
        assertTrue(ModelPatterns.matches("gpt-4o*", "gpt-4o"));
        assertTrue(ModelPatterns.matches("gpt-4o*", "gpt-4o-mini-2024-07-18"));
        assertTrue(ModelPatterns.matches("*/Llama-*:*", "meta-llama/Llama-3:q4"));
        assertTrue(ModelPatterns.matches("a*b*c", "axxbyybc"));
        assertFalse(ModelPatterns.matches("a*b*c", "axxbyybcd"));
        assertFalse(ModelPatterns.matches("gpt-4o*", "gpt-4"));
        assertFalse(ModelPatterns.matches("o3-mini", "o3-mini-high"));
        assertTrue(ModelPatterns.matches("o3-mini", "o3-mini"));
        assertFalse(ModelPatterns.matches("?", "x"), "only * is special");
    }

    @Test
    void theMostSpecificMatchingPatternCounts() {
        ModelPatterns patterns = ModelPatterns.of("k", List.of("*", "gpt-*", "gpt-4o*", "gpt-4o-mini"));
        assertEquals("gpt-4o-mini", patterns.match("gpt-4o-mini"));
        assertEquals("gpt-4o*", patterns.match("gpt-4o-2024"));
        assertEquals("gpt-*", patterns.match("gpt-3.5-turbo"));
        assertEquals("*", patterns.match("llama"));
        assertNull(ModelPatterns.of("k", List.of("gpt-*")).match("o1"));
    }

    @Test
    void aBlankPatternFailsTheStartNamingTheKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelPatterns.of("sluice.providers.vllm.models", List.of("*", " ")));
        assertEquals("sluice.providers.vllm.models: a model pattern must not be blank", e.getMessage());
    }
}
