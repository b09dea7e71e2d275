package io.continuum.knowledge;

import io.continuum.knowledge.KnowledgeSearch.KnowledgeMatch;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.continuum.knowledge.KnowledgeArticlesTest.article;
import static io.continuum.knowledge.KnowledgeArticlesTest.create;
import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

/** Full-text search: ranking, stemming per locale, locale filter, only published articles, the score. */
@QuarkusTest
class KnowledgeSearchTest {

    @Inject
    KnowledgeSearch knowledgeSearch;
    @Inject
    KnowledgeBase knowledgeBase;

    /** A made-up word no other article has, so each test sees only its own articles. */
    static String word() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    static JsonPath search(String q, String locale) {
        var request = as("agent").queryParam("q", q);
        if (locale != null) {
            request.queryParam("locale", locale);
        }
        return request.when().get("/api/v1/kb/search").then().statusCode(200).extract().jsonPath();
    }

    static String published(String title, String body, List<String> tags, String locale) {
        return create("agent", article(title, body, tags, locale, "published")).getString("id");
    }

    @Test
    void aTitleMatchRanksAboveATagMatchAboveABodyMatch() {
        String word = word();
        String inBody = published("Connection settings", "If " + word + " fails, restart the router.", List.of(), "en");
        String inTitle = published("Troubleshooting " + word, "Restart the router.", List.of(), "en");
        String inTags = published("Router checklist", "Restart the router.", List.of(word), "en");

        JsonPath results = search(word, "en");
        assertThat(results.getList("items.id", String.class)).containsExactly(inTitle, inTags, inBody);
        List<Float> scores = results.getList("items.score", Float.class);
        assertThat(scores.get(0)).isEqualTo(1.0f);
        assertThat(scores.get(1)).isCloseTo(0.4f, within(0.01f));
        assertThat(scores.get(2)).isCloseTo(0.2f, within(0.01f));
    }

    @Test
    void resultsCarryTheirUrlLocaleAndAHighlightedSnippet() {
        String word = word();
        String id = published("Export invoices " + word, "Open Billing. Select **Export** and choose CSV for " + word
                + ".", List.of("billing"), "en");
        JsonPath results = search(word, null);
        assertThat(results.getString("query")).isEqualTo(word);
        assertThat(results.getString("items[0].id")).isEqualTo(id);
        assertThat(results.getString("items[0].title")).isEqualTo("Export invoices " + word);
        assertThat(results.getString("items[0].url")).isEqualTo("/kb/export-invoices-" + word);
        assertThat(results.getString("items[0].slug")).isEqualTo("export-invoices-" + word);
        assertThat(results.getString("items[0].locale")).isEqualTo("en");
        assertThat(results.getString("items[0].snippet"))
                .as("Markdown markup is stripped, matches are bold")
                .contains("Select Export and choose CSV for **" + word + "**");
    }

    @Test
    void stemmingFindsOtherFormsOfTheWordsInTheArticlesLanguage() {
        String word = word();
        String id = published("Export invoices from " + word, "Steps.", List.of(), "en");
        assertThat(search("exporting invoice " + word, "en").getList("items.id", String.class)).containsExactly(id);

        String spanish = published("Exportar facturas de " + word, "Pasos.", List.of(), "es");
        assertThat(search("factura exportada " + word, "es").getList("items.id", String.class)).containsExactly(spanish);
    }

    @Test
    void aLocaleWithoutAStemmerIsMatchedWordForWord() {
        String word = word();
        String id = published("Export invoices " + word, "Steps.", List.of(), "ja");
        assertThat(search("exporting " + word, "ja").getList("items")).isEmpty();
        assertThat(search("export " + word, "ja").getList("items.id", String.class)).containsExactly(id);
    }

    @Test
    void localeLimitsResultsToOneLanguageWithAnyRegion() {
        String word = word();
        String english = published("Reset your password " + word, "Steps.", List.of(), "en");
        String british = published("Reset your password " + word + " (UK)", "Steps.", List.of(), "en-GB");
        String spanish = published("Restablecer tu contraseña " + word, "Pasos.", List.of(), "es");

        assertThat(search(word, "es-MX").getList("items.id", String.class)).containsExactly(spanish);
        assertThat(search(word, "en").getList("items.id", String.class)).containsExactlyInAnyOrder(english, british);
        assertThat(search(word, null).getList("items.id", String.class)).containsExactlyInAnyOrder(english, british, spanish);
    }

    @Test
    void onlyPublishedArticlesAreFound() {
        String word = word();
        String id = create("agent", article("Duplicate charge " + word, "What happens next", List.of(), "en", "draft"))
                .getString("id");
        assertThat(search(word, null).getList("items")).isEmpty();

        as("supervisor").body(Map.of("title", "Duplicate charge " + word, "body", "What happens next", "status", "published"))
                .when().put("/api/v1/kb/articles/{id}", id).then().statusCode(200);
        assertThat(search(word, null).getList("items.id", String.class)).containsExactly(id);

        as("supervisor").body(Map.of("title", "Duplicate charge " + word, "body", "Gone", "status", "archived"))
                .when().put("/api/v1/kb/articles/{id}", id).then().statusCode(200);
        assertThat(search(word, null).getList("items")).isEmpty();
    }

    @Test
    void onlyTheCurrentVersionIsSearched() {
        String word = word();
        String newWord = word();
        String id = published("Card delivery " + word, "Old text", List.of(), "en");
        as("agent").body(Map.of("title", "Card delivery " + newWord, "body", "New text"))
                .when().put("/api/v1/kb/articles/{id}", id).then().statusCode(200);
        assertThat(search(word, null).getList("items")).isEmpty();
        assertThat(search(newWord, null).getList("items.id", String.class)).containsExactly(id);
    }

    @Test
    void searchSyntaxNeedsEveryWordUnlessToldOtherwise() {
        String word = word();
        String other = word();
        String refunds = published("Refund timelines " + word, "Banks take time.", List.of(), "en");
        String cards = published("Card not arriving " + word, "Post takes time.", List.of(), "en");
        String elsewhere = published("Card not arriving " + other, "Post takes time.", List.of(), "en");
        assertThat(search("refund " + word, "en").getList("items.id", String.class)).containsExactly(refunds);
        assertThat(search(word + " -refund", "en").getList("items.id", String.class)).containsExactly(cards);
        assertThat(search("\"refund timelines\" " + word, "en").getList("items.id", String.class)).containsExactly(refunds);
        assertThat(search(word + " or " + other, "en").getList("items.id", String.class))
                .containsExactlyInAnyOrder(refunds, cards, elsewhere);
    }

    @Test
    void aQueryOfOnlyStopWordsFindsNothingAndABlankOneIsABadRequest() {
        assertThat(search("the and of", "en").getList("items")).isEmpty();
        as("agent").queryParam("q", " ").when().get("/api/v1/kb/search")
                .then().statusCode(400).body("errors[0].field", equalTo("q"));
    }

    @Test
    void bestMatchesTakesAnyWordOfACustomersMessageAndScoresHowMuchOfItAnArticleCovers() {
        String[] words = {word(), word(), word(), word()};
        String all = published(String.join(" ", words), "Steps.", List.of(), "en");
        // two words in the title, one only in the body, one missing: (1 + 1 + 0.2 + 0) / 4
        String some = published(words[0] + " " + words[1], "Then " + words[2] + ".", List.of(), "en");

        String message = "How do I " + words[0] + " the " + words[1] + " with " + words[2] + " " + words[3] + "?";
        List<KnowledgeMatch> matches = knowledgeSearch.byWords(message, Optional.of("en-US"), 5);

        assertThat(matches).extracting(m -> m.id().toString()).containsExactly(all, some);
        assertThat(matches.get(0).score()).as("every word of the message is in its title").isEqualTo(1.0);
        assertThat(matches.get(1).score()).isCloseTo(2.2 / 4, within(0.01));
        assertThat(knowledgeSearch.bestMatches(message, "en-US", 5)).as("by words or by meaning, the better score")
                .extracting(m -> m.id().toString()).contains(all, some);
        assertThat(knowledgeSearch.bestMatches("?!", "en", 5)).isEmpty();
    }

    @Test
    void bestMatchesFindsTheDemoArticleThatAnswersCommonQuestions() {
        ensureDemoArticles();
        assertBest("How can I export all my invoices to a spreadsheet as CSV?", "en", "Export your invoices as a CSV file");
        assertBest("I forgot my password and can't sign in", "en", "Reset your password");
        assertBest("I lost my phone and can't get the 2FA code", "en", "Set up or reset two-step verification (2FA)");
        assertBest("I was charged twice for my March invoice, please refund the duplicate", "en",
                "Charged twice? What happens next");
        assertBest("My new card still hasn't arrived", "en", "My card hasn't arrived");
        assertBest("When will I get my refund?", "en", "When will I get my refund?");
        assertBest("I want to talk to a person, not a bot", "en", "Talk to a person on our support team");
        assertBest("Olvidé mi contraseña", "es", "Restablecer tu contraseña");
    }

    private void assertBest(String message, String locale, String title) {
        List<KnowledgeMatch> matches = knowledgeSearch.bestMatches(message, locale, 3);
        assertThat(matches).as(message).isNotEmpty();
        assertThat(matches.get(0).title()).as(message).isEqualTo(title);
    }

    /** The demo articles, created once in this test database (it outlives test runs). */
    private void ensureDemoArticles() {
        QuarkusTransaction.requiringNew().run(() -> KnowledgeDemoArticles.articles().forEach(article -> {
            String slug = article.slug() != null ? article.slug() : Slugs.of(article.title());
            if (knowledgeBase.findBySlug(slug).isEmpty()) {
                knowledgeBase.create(article, "demo");
            }
        }));
    }
}
