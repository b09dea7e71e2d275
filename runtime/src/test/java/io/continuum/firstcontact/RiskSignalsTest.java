package io.continuum.firstcontact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The keyword signals, with the business phrasings that first contact used to get wrong. */
class RiskSignalsTest {

    @ParameterizedTest(name = "{0} -> money={1} outage={2}")
    @CsvSource(delimiter = '|', textBlock = """
            The whole site is down, nobody on our team can log in, this is an outage                               | false | true
            your payments API returns HTTP 500 on every checkout, our store is down and we are losing money        | true  | true
            the app crashes when I open settings                                                                   | false | false
            I can't log in, my password is not accepted                                                           | false | false
            Every request to your API times out since this morning                                                 | false | true
            Our customers were charged twice at checkout                                                           | true  | false
            How do I download the invoice for last month?                                                         | false | false
            """)
    void readsMoneyAndOutageInBusinessPhrasings(String text, boolean money, boolean outage) {
        RiskSignals signals = RiskSignals.in(text);
        assertThat(signals.money()).as("money").isEqualTo(money);
        assertThat(signals.outage()).as("outage").isEqualTo(outage);
    }

    @Test
    void readsOnlyTheBoundedStartOfAVeryLongMessage() {
        String longLog = "x".repeat(ReadLimit.MAX_CHARACTERS);
        assertThat(RiskSignals.in("our service is down " + longLog).outage()).isTrue();
        assertThat(RiskSignals.in(longLog + " our service is down").outage()).as("beyond the read limit").isFalse();
        assertThat(ReadLimit.of(longLog + longLog)).hasSize(ReadLimit.MAX_CHARACTERS);
        assertThat(ReadLimit.of("short")).isEqualTo("short");
    }

    @Test
    void aLongRunOfDigitsAndLettersIsReadWithoutBlowingUp() {
        String pathological = "9".repeat(65_536) + "a" + "+1 (".repeat(10_000);
        assertThat(Entities.in(pathological)).allSatisfy(entity -> assertThat(entity.value().length())
                .isLessThanOrEqualTo(ReadLimit.MAX_CHARACTERS));
        assertThat(Sentiment.of(pathological)).isBetween(-1.0, 1.0);
        assertThat(HumanRequest.in(pathological)).isFalse();
    }
}
