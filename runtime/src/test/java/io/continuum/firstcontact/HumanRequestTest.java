package io.continuum.firstcontact;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Asking for a person must be recognised in any phrasing; ordinary questions must not be. */
class HumanRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "I want to talk to a human", "Can I speak to a real person please?", "human", "HUMAN!!!", "agent please",
            "Representative", "connect me with an agent", "Let me talk to someone", "I need to speak with a manager",
            "transfer me to customer service", "get me a real human now", "Is there anyone I can talk to?",
            "stop the bot", "I don't want a bot", "are you a robot?", "I want a live agent", "put me through to a person",
            "Please escalate this to your supervisor", "give me a person", "operator"})
    void recognisesAskingForAPerson(String text) {
        assertThat(HumanRequest.in(text)).as(text).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "How do I export my invoices?", "My card was charged twice", "The agenda page does not load",
            "I changed my personal details", "What is the humane society donation link?", "Thanks, that helped!",
            "Where can I find the human resources invoice template?", ""})
    void ignoresOrdinaryMessages(String text) {
        assertThat(HumanRequest.in(text)).as(text).isFalse();
    }
}
