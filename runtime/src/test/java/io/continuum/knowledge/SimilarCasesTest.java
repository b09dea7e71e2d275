package io.continuum.knowledge;

import io.continuum.platform.SentenceEmbeddings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Similar-case lookup and the suspected root cause the first-contact AI draws from it. */
@QuarkusTest
class SimilarCasesTest {

    @Inject
    SimilarCases similarCases;

    @Inject
    SentenceEmbeddings embeddings;

    @Inject
    EntityManager entityManager;

    private static Map<String, Object> firstMessageAnnotations(String conversationId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId)
                .getMap("timeline.find { it.type == 'message' && it.direction == 'inbound' }.annotations") != null
                && conversation(conversationId).getMap("timeline.find { it.type == 'message' && it.direction == 'inbound' }.annotations")
                .containsKey("intent"));
        return conversation(conversationId).getMap("timeline.find { it.type == 'message' && it.direction == 'inbound' }.annotations");
    }

    @Test
    void aResolvedSimilarCaseSuggestsTheRootCauseOfANewOne() {
        String reason = "Tracking pages failed after the carrier changed its API; fixed by the courier integration update";
        String earlier = receive(inbound("email", sender(uniqueEmail("parcel"), null, null, null, null),
                "The tracking page for my parcel shows an error every time I open it")).getString("conversationId");
        firstMessageAnnotations(earlier);
        as("supervisor").body(Map.of("to", "resolved", "reason", reason)).when()
                .post("/api/v1/conversations/{id}/transitions", earlier).then().statusCode(200);

        String later = receive(inbound("email", sender(uniqueEmail("parcel"), null, null, null, null),
                "Whenever I load my parcel's tracking page it gives me an error")).getString("conversationId");

        @SuppressWarnings("unchecked")
        Map<String, Object> cause = (Map<String, Object>) firstMessageAnnotations(later).get("suspectedRootCause");
        // the closest resolved look-alike: this one, or one an earlier run of this test resolved the same way
        assertThat(cause).isNotNull().containsEntry("basis", "similar-resolved-case");
        assertThat((String) cause.get("summary")).startsWith("A similar conversation was resolved: " + reason);
        assertThat((Double) ((Number) cause.get("similarity")).doubleValue()).isGreaterThanOrEqualTo(0.7);

        JsonPath similar = as("agent").queryParam("limit", 50).when().get("/api/v1/conversations/{id}/similar-cases", later)
                .then().statusCode(200).extract().jsonPath();
        assertThat(similar.getList("items.conversationId", String.class)).contains(earlier).doesNotContain(later);
        assertThat(similar.getString("items.find { it.conversationId == '" + earlier + "' }.resolvedReason")).isEqualTo(reason);
        assertThat(similar.getString("items.find { it.conversationId == '" + earlier + "' }.state")).isEqualTo("resolved");

        List<Map<String, Object>> decisions = as("supervisor").when().get("/api/v1/conversations/{id}/decisions", later)
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.policy == 'suspected-root-cause' }");
        assertThat(decisions).singleElement().satisfies(decision -> assertThat(decision.toString()).contains(earlier));
    }

    @Test
    void aCaseResolvedAgainShowsTheReasonItWasLastResolvedWith() {
        String earlier = receive(inbound("email", sender(uniqueEmail("voucher"), null, null, null, null),
                "My gift voucher code is rejected at checkout as invalid")).getString("conversationId");
        firstMessageAnnotations(earlier);
        for (Map<String, String> transition : List.of(Map.of("to", "resolved", "reason", "Voucher reissued by hand"),
                Map.of("to", "reopened", "reason", "The new code fails too"),
                Map.of("to", "resolved", "reason", "Voucher codes are case-sensitive; the shop now upper-cases them"))) {
            as("supervisor").body(transition).when().post("/api/v1/conversations/{id}/transitions", earlier)
                    .then().statusCode(200);
        }

        JsonPath similar = as("agent").queryParam("q", "The gift voucher code I have is refused at checkout, it says invalid")
                .queryParam("limit", 50).when().get("/api/v1/kb/similar-cases").then().statusCode(200).extract().jsonPath();
        String found = "items.find { it.conversationId == '" + earlier + "' }";
        assertThat(similar.getString(found + ".state")).isEqualTo("resolved");
        assertThat(similar.getString(found + ".resolvedReason"))
                .isEqualTo("Voucher codes are case-sensitive; the shop now upper-cases them");
        assertThat(similar.getString(found + ".intent")).isNotBlank();
        assertThat(similar.getDouble(found + ".similarity")).isGreaterThanOrEqualTo(SimilarCases.MIN_SIMILARITY);
    }

    @Test
    void aSimilarConversationLinkedToAnOpenResolutionPointsAtThatKnownIssue() {
        String title = "Invoice PDF download broken";
        String first = receive(inbound("email", sender(uniqueEmail("pdf"), null, null, null, null),
                "When I click download on my invoice the PDF file comes out empty")).getString("conversationId");
        firstMessageAnnotations(first);
        openResolution(first, title);

        String later = receive(inbound("email", sender(uniqueEmail("pdf"), null, null, null, null),
                "Downloading the invoice gives me an empty PDF")).getString("conversationId");

        @SuppressWarnings("unchecked")
        Map<String, Object> cause = (Map<String, Object>) firstMessageAnnotations(later).get("suspectedRootCause");
        // the closest open Resolution about it: this one, or one an earlier run of this test left open
        assertThat(cause).isNotNull().containsEntry("basis", "open-resolution").containsKeys("resolutionId", "caseRef");
        assertThat((String) cause.get("summary")).startsWith("Probably the known issue ").contains(title);
        String status = as("agent").when().get("/api/v1/resolutions/{id}", cause.get("resolutionId")).then().statusCode(200)
                .extract().path("status");
        assertThat(status).isNotEqualTo("resolved");
    }

    /** Opens a Resolution for the conversation, or takes the one first contact opened for it already. */
    private static void openResolution(String conversationId, String title) {
        int status = as("agent").body(Map.of("title", title)).when()
                .post("/api/v1/conversations/{id}/resolution", conversationId).then().extract().statusCode();
        assertThat(status).isIn(201, 409);
        await().atMost(Duration.ofSeconds(20)).until(() -> conversation(conversationId).getString("resolutionId") != null);
        String resolutionId = conversation(conversationId).getString("resolutionId");
        as("engineer").body(Map.of("title", title)).when().patch("/api/v1/resolutions/{id}", resolutionId)
                .then().statusCode(200);
    }

    @Test
    void aMessageAboutSomethingElseGetsNoSuspectedRootCause() {
        String id = receive(inbound("email", sender(uniqueEmail("other"), null, null, null, null),
                "Could you send me a copy of the " + UUID.randomUUID() + " brochure about garden furniture?"))
                .getString("conversationId");
        assertThat(firstMessageAnnotations(id)).doesNotContainKey("suspectedRootCause");
    }

    @Test
    void casesAreLookedUpByTextForAnyoneWorkingThem() {
        as("agent").queryParam("q", "").when().get("/api/v1/kb/similar-cases")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        as("agent").when().get("/api/v1/conversations/{id}/similar-cases", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        as("api").queryParam("q", "error").when().get("/api/v1/kb/similar-cases").then().statusCode(403);
    }

    @Test
    void aCaseCommittedLateWithAnEarlierTimestampIsStillFound() {
        String text = "My quobble subscription renewal e-mail arrived in Klingon instead of English";
        UUID conversationId = UUID.fromString(receive(inbound("email", sender(uniqueEmail("late"), null, null, null, null), text))
                .getString("conversationId"));
        firstMessageAnnotations(conversationId.toString());
        float[] vector = embeddings.embed(text);
        assertThat(similarCases.similarTo(text, 5)).extracting(SimilarCases.SimilarCase::conversationId).contains(conversationId);

        // as if its triage had taken its timestamp earlier and committed only now, after newer cases were read
        QuarkusTransaction.requiringNew().run(() -> similarCases.forget(List.of(conversationId)));
        String newer = receive(inbound("email", sender(uniqueEmail("late"), null, null, null, null),
                "The checkout page of the shop times out on every card payment")).getString("conversationId");
        firstMessageAnnotations(newer);
        assertThat(similarCases.similarTo(text, 5)).extracting(SimilarCases.SimilarCase::conversationId).doesNotContain(conversationId);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO case_embedding (conversation_id, intent, vector, created_at)
                        VALUES (?1, 'bug_technical_defect', ?2, now() - interval '10 seconds')""")
                .setParameter(1, conversationId).setParameter(2, SentenceEmbeddings.toBytes(vector)).executeUpdate());

        // another node's case arrives at a lookup's catch-up, at most a second later
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(similarCases.similarTo(text, 5))
                .extracting(SimilarCases.SimilarCase::conversationId).contains(conversationId));
    }
}
