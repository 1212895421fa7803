package io.lcpr.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lcpr.price.ModelNames;
import io.lcpr.price.ModelNames.Candidate;

class ModelNamesTest {
    @Test
    void exactNameComesFirstThenAliasThenRules() {
        List<Candidate> c = ModelNames.candidates("openai", "gpt-4.1-2025-04-14", Map.of("openai|gpt-4.1-2025-04-14", "gpt-4.1"));
        assertEquals(new Candidate("openai", "gpt-4.1-2025-04-14", "exact"), c.get(0));
        assertEquals(new Candidate("openai", "gpt-4.1", "alias"), c.get(1));
    }

    @Test
    void datedSuffixesResolveToTheBaseModel() {
        assertTrue(ModelNames.candidates("openai", "gpt-4.1-2025-04-14", Map.of())
                .contains(new Candidate("openai", "gpt-4.1", "dated-suffix")));
        assertTrue(ModelNames.candidates("anthropic", "claude-sonnet-4-5-20250929", Map.of())
                .contains(new Candidate("anthropic", "claude-sonnet-4-5", "dated-suffix")));
    }

    @Test
    void providerPrefixesAreStripped() {
        assertTrue(ModelNames.candidates("azure", "azure/gpt-4o", Map.of())
                .contains(new Candidate("azure", "gpt-4o", "provider-prefix")));
        List<Candidate> bedrock = ModelNames.candidates("bedrock",
                "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", Map.of());
        assertTrue(bedrock.contains(new Candidate("bedrock", "claude-3-5-sonnet-20240620", "provider-prefix")), bedrock.toString());
        assertTrue(bedrock.contains(new Candidate("bedrock", "claude-3-5-sonnet", "dated-suffix")), bedrock.toString());
    }
}
