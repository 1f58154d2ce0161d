package org.cloudgate.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeySuggestionTest {

    private final List<String> keys = List.of("port", "bind", "transport", "drain-timeout");

    @Test
    void aTranspositionIsOneEdit() {
        assertThat(KeySuggestion.distance("prot", "port")).isEqualTo(1);
        assertThat(KeySuggestion.nearest("prot", keys)).contains("port");
    }

    @Test
    void aMissingLetterIsFound() {
        assertThat(KeySuggestion.nearest("transprt", keys)).contains("transport");
    }

    @Test
    void nothingIsSuggestedForAnUnrelatedWord() {
        assertThat(KeySuggestion.nearest("colour", keys)).isEmpty();
    }
}
