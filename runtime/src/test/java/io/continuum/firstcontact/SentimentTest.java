package io.continuum.firstcontact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentTest {

    @Test
    void neutralQuestionIsZero() {
        assertThat(Sentiment.of("How do I change my delivery address?")).isZero();
        assertThat(Sentiment.of("")).isZero();
        assertThat(Sentiment.of(null)).isZero();
    }

    @Test
    void angryIsNegativeAndPraiseIsPositive() {
        assertThat(Sentiment.of("This is terrible, your app is useless")).isLessThan(-0.6);
        assertThat(Sentiment.of("Thanks, the new dashboard is great")).isGreaterThan(0.5);
    }

    @Test
    void negationFlipsAndDamps() {
        double happy = Sentiment.of("I am happy with the service");
        double notHappy = Sentiment.of("I am not happy with the service");
        assertThat(notHappy).isNegative();
        assertThat(Math.abs(notHappy)).isLessThan(happy);
        assertThat(Sentiment.of("The refund was not bad at all")).isPositive();
    }

    @Test
    void intensifiersCapitalsAndExclamationsStrengthen() {
        double angry = Sentiment.of("I am angry");
        assertThat(Sentiment.of("I am very angry")).isLessThan(angry);
        assertThat(Sentiment.of("I am ANGRY")).isLessThan(angry);
        assertThat(Sentiment.of("I am angry!!!")).isLessThan(angry);
    }

    @Test
    void staysWithinBounds() {
        assertThat(Sentiment.of("WORST USELESS TERRIBLE AWFUL HORRIBLE service, I hate it!!!")).isBetween(-1.0, -0.9);
        assertThat(Sentiment.of("amazing perfect excellent awesome, love it!!!")).isBetween(0.9, 1.0);
    }
}
