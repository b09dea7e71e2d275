package io.continuum.knowledge;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Articles over the API: create, edit into versions, read old versions, list with filters and pages, errors. */
@QuarkusTest
class KnowledgeArticlesTest {

    static Map<String, Object> article(String title, String body, List<String> tags, String locale, String status) {
        Map<String, Object> article = new HashMap<>();
        article.put("title", title);
        article.put("body", body);
        article.put("tags", tags);
        article.put("locale", locale);
        article.put("status", status);
        return article;
    }

    static JsonPath create(String user, Map<String, Object> article) {
        return as(user).body(article).when().post("/api/v1/kb/articles")
                .then().statusCode(201).extract().jsonPath();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createdArticleIsVersionOneWithASlugFromItsTitleAndADraftByDefault() {
        String marker = unique();
        var response = as("agent")
                .body(Map.of("title", "  Reset your password, ¿cómo? " + marker + "  ", "body", "1. Open settings\n2. Reset",
                        "tags", List.of("Account", " security ", "account")))
                .when().post("/api/v1/kb/articles")
                .then().statusCode(201).extract();
        JsonPath created = response.jsonPath();
        assertThat(response.header("Location")).endsWith("/api/v1/kb/articles/" + created.getString("id"));
        String slug = "reset-your-password-como-" + marker;
        assertThat(created.getString("slug")).isEqualTo(slug);
        assertThat(created.getString("url")).isEqualTo("/kb/" + slug);
        assertThat(created.getInt("currentVersion")).isEqualTo(1);
        assertThat(created.getString("author")).isEqualTo("agent");
        assertThat(created.getInt("version.version")).isEqualTo(1);
        assertThat(created.getString("version.title")).isEqualTo("Reset your password, ¿cómo? " + marker);
        assertThat(created.getString("version.status")).isEqualTo("draft");
        assertThat(created.getString("version.locale")).isEqualTo("en");
        assertThat(created.getList("version.tags", String.class)).containsExactly("account", "security");
    }

    @Test
    void everyEditIsANewVersionAndOlderVersionsStayReadable() {
        String id = create("agent", article("Update your card " + unique(), "Old steps", List.of("billing"), "en", "draft"))
                .getString("id");
        String slug = as("agent").when().get("/api/v1/kb/articles/{id}", id).then().extract().path("slug");

        as("supervisor").body(Map.of("title", "Update your payment method", "body", "New steps", "status", "published",
                        "note", "covers bank accounts too", "baseVersion", 1))
                .when().put("/api/v1/kb/articles/{id}", id)
                .then().statusCode(200)
                .body("currentVersion", equalTo(2))
                .body("slug", equalTo(slug))
                .body("version.version", equalTo(2))
                .body("version.author", equalTo("supervisor"))
                .body("version.status", equalTo("published"))
                .body("version.tags", contains("billing"));

        as("agent").when().get("/api/v1/kb/articles/{id}", id)
                .then().statusCode(200).body("version.body", equalTo("New steps")).body("author", equalTo("agent"));
        as("agent").queryParam("version", 1).when().get("/api/v1/kb/articles/{id}", id)
                .then().statusCode(200)
                .body("currentVersion", equalTo(2))
                .body("version.version", equalTo(1))
                .body("version.body", equalTo("Old steps"))
                .body("version.status", equalTo("draft"));
        as("agent").queryParam("version", 3).when().get("/api/v1/kb/articles/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
        as("engineer").when().get("/api/v1/kb/articles/{id}/versions", id)
                .then().statusCode(200)
                .body("version", contains(1, 2))
                .body("author", contains("agent", "supervisor"))
                .body("note", contains(null, "covers bank accounts too"))
                .body("title[1]", equalTo("Update your payment method"));
    }

    @Test
    void anEditBasedOnAnOlderVersionIsAConflict() {
        String id = create("agent", article("Refund timelines " + unique(), "v1", List.of(), "en", "draft")).getString("id");
        as("agent").body(Map.of("title", "Refund timelines", "body", "v2", "baseVersion", 1))
                .when().put("/api/v1/kb/articles/{id}", id).then().statusCode(200);
        as("analyst").body(Map.of("title", "Refund timelines", "body", "v2 by someone else", "baseVersion", 1))
                .when().put("/api/v1/kb/articles/{id}", id)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/stale-version"))
                .body("currentVersion", equalTo(2));
    }

    @Test
    void statusFollowsItsLifecycle() {
        String id = create("agent", article("Card not arriving " + unique(), "Wait 10 days", List.of(), "en", "published"))
                .getString("id");
        as("agent").body(Map.of("title", "Card not arriving", "body", "Wait", "status", "draft"))
                .when().put("/api/v1/kb/articles/{id}", id)
                .then().statusCode(409)
                .body("type", equalTo("https://continuum.io/problems/illegal-transition"))
                .body("status", equalTo("published"))
                .body("allowed", contains("archived"));
        as("agent").body(Map.of("title", "Card not arriving", "body", "Wait", "status", "archived"))
                .when().put("/api/v1/kb/articles/{id}", id).then().statusCode(200).body("version.status", equalTo("archived"));
    }

    @Test
    void aSecondArticleWithTheSameTitleGetsTheNextFreeSlug() {
        String title = "Contact a human " + unique();
        String first = create("agent", article(title, "Type agent", List.of(), "en", "draft")).getString("slug");
        String second = create("agent", article(title, "Type human", List.of(), "en", "draft")).getString("slug");
        assertThat(second).isEqualTo(first + "-2");
    }

    @Test
    void aChosenSlugThatIsTakenIsAConflict() {
        String slug = "chosen-" + unique();
        Map<String, Object> article = article("Chosen slug", "Body", List.of(), "en", "draft");
        article.put("slug", slug);
        assertThat(create("agent", article).getString("url")).isEqualTo("/kb/" + slug);
        as("agent").body(article).when().post("/api/v1/kb/articles")
                .then().statusCode(409).body("type", equalTo("https://continuum.io/problems/slug-taken"));
    }

    @Test
    void missingTitleIsABadRequestNamingTheField() {
        as("agent").body(Map.of("body", "Steps without a title")).when().post("/api/v1/kb/articles")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/validation"))
                .body("errors.field", contains("title"));
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        Map<String, Object> article = article(" ", null, List.of("ok", " "), "not a locale", "gone");
        article.put("slug", "Not A Slug");
        as("agent").body(article).when().post("/api/v1/kb/articles")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("title", "body", "tags", "locale", "status", "slug"));
    }

    @Test
    void unknownArticleIsNotFound() {
        UUID unknown = UUID.randomUUID();
        as("agent").when().get("/api/v1/kb/articles/{id}", unknown)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Article " + unknown + " does not exist"));
        as("agent").when().get("/api/v1/kb/articles/{id}/versions", unknown).then().statusCode(404);
        as("agent").body(Map.of("title", "t", "body", "b")).when().put("/api/v1/kb/articles/{id}", unknown)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyPeopleWhoWriteArticlesMayCreateThem() {
        as("engineer").body(article("Engineer notes", "Body", List.of(), "en", "draft")).when().post("/api/v1/kb/articles")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://continuum.io/problems/forbidden"));
        as("api").body(article("Integration article", "Body", List.of(), "en", "draft")).when().post("/api/v1/kb/articles")
                .then().statusCode(403);
        for (String writer : List.of("agent", "supervisor", "admin", "analyst")) {
            create(writer, article("Written by " + writer + " " + unique(), "Body", List.of(), "en", "draft"));
        }
        as("engineer").when().get("/api/v1/kb/articles").then().statusCode(200);
        given().when().get("/api/v1/kb/articles").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void listFiltersByTagLocaleAndStatus() {
        String tag = "filter-" + unique();
        String enDraft = create("agent", article("English draft", "Body", List.of(tag), "en", "draft")).getString("id");
        String enPublished = create("agent", article("English published", "Body", List.of(tag), "en-GB", "published"))
                .getString("id");
        String esPublished = create("agent", article("Publicado", "Cuerpo", List.of(tag), "es", "published")).getString("id");
        create("agent", article("Untagged", "Body", List.of(), "en", "published"));

        as("agent").queryParam("tag", tag).when().get("/api/v1/kb/articles")
                .then().statusCode(200).body("items.id", containsInAnyOrder(enDraft, enPublished, esPublished));
        as("agent").queryParam("tag", tag).queryParam("locale", "en").when().get("/api/v1/kb/articles")
                .then().body("items.id", containsInAnyOrder(enDraft, enPublished));
        as("agent").queryParam("tag", tag).queryParam("locale", "en_GB").when().get("/api/v1/kb/articles")
                .then().body("items.id", contains(enPublished));
        as("agent").queryParam("tag", tag).queryParam("status", "published").when().get("/api/v1/kb/articles")
                .then().body("items.id", containsInAnyOrder(enPublished, esPublished))
                .body("items.url", hasItem(org.hamcrest.Matchers.startsWith("/kb/")));
        as("agent").queryParam("status", "gone").when().get("/api/v1/kb/articles")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void listPagesThroughArticlesNewestFirstWithoutGapsOrRepeats() {
        String tag = "pages-" + unique();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create("agent", article("Page article " + i, "Body", List.of(tag), "en", "draft")).getString("id"));
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            var request = as("agent").queryParam("tag", tag).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath page = request.when().get("/api/v1/kb/articles").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id", String.class);
            seen.addAll(ids);
            pageSizes.add(ids.size());
            cursor = page.getString("nextCursor");
        } while (cursor != null && pageSizes.size() < 10);
        assertThat(pageSizes).containsExactly(2, 2, 1);
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aCursorThisApiDidNotReturnIsABadRequest() {
        as("agent").queryParam("after", "page-2").when().get("/api/v1/kb/articles")
                .then().statusCode(400).body("detail", equalTo("Cursor 'after' is not one this API returned"))
                .body("errors", nullValue());
    }
}
