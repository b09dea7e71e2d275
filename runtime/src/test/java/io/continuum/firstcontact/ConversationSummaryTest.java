package io.continuum.firstcontact;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The extractive summary on its own: which sentences a person taking over reads first. */
class ConversationSummaryTest {

    @Test
    void keepsTheSentencesWithEntitiesAndWhatTheCustomerTriedInTheirOrder() {
        String summary = ConversationSummary.extractive(List.of(
                "Hi there. Hope you are well.",
                "I can't download invoice INV-2024-0042, the page shows error 500. It's a bit annoying.",
                "I already cleared the cache and tried another browser.\nThanks"));

        assertThat(summary).isEqualTo("I can't download invoice INV-2024-0042, the page shows error 500."
                + " I already cleared the cache and tried another browser.");
    }

    @Test
    void smallTalkAloneIsSummarisedAsItIs() {
        assertThat(ConversationSummary.extractive(List.of("Hello! Anyone there?"))).isEqualTo("Hello! Anyone there?");
    }

    @Test
    void isBoundedAndEmptyWhenThereIsNothingToRead() {
        assertThat(ConversationSummary.extractive(List.of("", "   "))).isEmpty();
        String longSentence = "word ".repeat(500) + "error 503.";
        assertThat(ConversationSummary.extractive(List.of(longSentence)))
                .hasSize(ConversationSummary.MAX_LENGTH).endsWith("...");
    }
}
