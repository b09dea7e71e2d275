package io.continuum.firstcontact;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** First contact's fixed lines are written in the customer's language, and the word they offer reaches a person. */
class CustomerWordingTest {

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Test
    void speaksTheSevenServedLanguages() {
        assertThat(CustomerWording.languages()).containsExactlyInAnyOrder("en", "es", "de", "fr", "pt", "it", "nl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "de", "fr", "pt", "it", "nl"})
    void theWordEachOfferTellsTheCustomerToReplyAsksForAPerson(String language) {
        Matcher word = QUOTED.matcher(CustomerWording.in(language).offerAPerson());
        assertThat(word.find()).as(language).isTrue();
        assertThat(HumanRequest.in(word.group(1))).as(word.group(1)).isTrue();
        assertThat(HumanRequest.in(word.group(0))).as(word.group(0)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "de", "fr", "pt", "it", "nl"})
    void everyLanguageNamesTheArticleItsStepsComeFromAndIntroducesTheLink(String language) {
        CustomerWording wording = CustomerWording.in(language);
        assertThat(wording.stepsFrom().formatted("Export")).as(language).contains("\"Export\"").doesNotContain("%s");
        assertThat(wording.fullArticle()).as(language).isNotBlank().endsWith(":");
        if (!"en".equals(language)) {
            assertThat(wording.stepsFrom()).isNotEqualTo(CustomerWording.in("en").stepsFrom());
            assertThat(wording.fullArticle()).isNotEqualTo(CustomerWording.in("en").fullArticle());
        }
    }

    @Test
    void aSpanishCustomerGetsTheSpanishQuestionAndOffer() {
        assertThat(CustomerWording.in("es-MX").clarifyingQuestion("Exportar facturas"))
                .isEqualTo("Para indicarle la respuesta correcta: ¿su pregunta es sobre \"Exportar facturas\" o sobre otra cosa?"
                        + " Si esto no lo resuelve, responda \"agente\" y una persona se hará cargo.");
    }

    @Test
    void aLanguageNotServedOrUnknownGetsEnglish() {
        assertThat(CustomerWording.in("ja")).isEqualTo(CustomerWording.in("en"));
        assertThat(CustomerWording.in(null)).isEqualTo(CustomerWording.in("en"));
        assertThat(CustomerWording.in("en").clarifyingQuestion("Export reports"))
                .startsWith("To point you to the right answer: is your question about \"Export reports\", or something else?")
                .endsWith(FirstResponse.OFFER_A_PERSON);
    }
}
