package io.continuum.knowledge;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.continuum.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Semantic and hybrid knowledge search: articles found by what they mean, not only by their words. */
@QuarkusTest
class SemanticSearchTest {

    private static String publish(String title, String body) {
        return as("supervisor").body(Map.of("title", title, "body", body, "tags", List.of("access"), "locale", "en",
                        "status", "published"))
                .when().post("/api/v1/kb/articles").then().statusCode(201).extract().path("id");
    }

    private static JsonPath search(String q, String mode) {
        return as("agent").queryParam("q", q).queryParam("mode", mode).queryParam("limit", 50)
                .when().get("/api/v1/kb/search").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anArticleIsFoundByMeaningWhenItSharesNoWordWithTheQuestion() {
        String article = publish("Recover your sign-in secret",
                "Locked out? On the login page choose **Forgot it?** and we e-mail you a link.\n\n"
                        + "Follow the link within an hour to choose a new secret.");
        String question = "I can't remember my password";

        assertThat(search(question, "text").getList("items.id", String.class)).doesNotContain(article);
        JsonPath semantic = search(question, "semantic");
        assertThat(semantic.getString("mode")).isEqualTo("semantic");
        assertThat(semantic.getList("items.id", String.class)).contains(article);
        Map<String, Object> match = semantic.getMap("items.find { it.id == '" + article + "' }");
        assertThat((Float) match.get("score")).isGreaterThan(0.2f).isLessThanOrEqualTo(1.0f);
        assertThat((String) match.get("url")).startsWith("/kb/");
        assertThat(search(question, "hybrid").getList("items.id", String.class)).contains(article);
    }

    @Test
    void anEditedArticleIsSearchedInItsNewMeaning() {
        String article = publish("Shipping zones", "We ship to every country in the European Union.");
        String question = "how do I turn on two-factor authentication with an authenticator app";
        assertThat(search(question, "semantic").getList("items.id", String.class)).doesNotContain(article);

        int version = as("supervisor").when().get("/api/v1/kb/articles/{id}", article).then().extract().path("currentVersion");
        as("supervisor").body(Map.of("title", "Turn on two-step verification",
                        "body", "Open Security, choose **Two-step verification** and scan the code with an authenticator app.",
                        "baseVersion", version))
                .when().put("/api/v1/kb/articles/{id}", article).then().statusCode(200);

        assertThat(search(question, "semantic").getList("items.id", String.class)).contains(article);
    }

    @Test
    void anUnknownModeIsAProblem() {
        as("agent").queryParam("q", "password").queryParam("mode", "psychic").when().get("/api/v1/kb/search")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("mode"));
    }
}
