package io.continuum.firstcontact;

import io.quarkus.test.junit.QuarkusTest;
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

/** The first-contact AI end to end: answer from the knowledge base, clarify, escalate, hand off, learn. */
@QuarkusTest
class FirstContactTest {

    /** A made-up product word keeps each test's article apart from every other article in the database. */
    private static String word() {
        return "zx" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** How-to phrasings the tests use, taught the way a supervisor would, so made-up product words cannot tip them. */
    private static boolean taught;

    @org.junit.jupiter.api.BeforeEach
    void teachHowToPhrasings() {
        if (taught) {
            return;
        }
        taught = true;
        as("supervisor").body(List.of(
                        Map.of("text", "How do I change the colour theme of the dashboard?", "intent", "how_to_guidance"),
                        Map.of("text", "How can I switch the dashboard to a dark colour theme?", "intent", "how_to_guidance"),
                        Map.of("text", "Where do I change the theme colours of my dashboard?", "intent", "how_to_guidance"),
                        Map.of("text", "How do I export my reports?", "intent", "how_to_guidance"),
                        Map.of("text", "How can I export the reports of my account?", "intent", "how_to_guidance")))
                .when().post("/api/v1/ai/examples").then().statusCode(201);
    }

    private static void publishArticle(String title, String body) {
        as("supervisor").body(Map.of("title", title, "body", body, "tags", List.of("help"), "locale", "en", "status", "published"))
                .when().post("/api/v1/kb/articles").then().statusCode(201);
    }

    private static JsonPath firstContactDone(String conversationId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath view = conversation(conversationId);
            return view.get("handoffBrief") != null
                    || view.getList("timeline.findAll { it.type == 'message' && it.author == 'ai:first-contact' }").size() > 0;
        });
        return conversation(conversationId);
    }

    private static List<String> aiReplies(JsonPath view) {
        return view.getList("timeline.findAll { it.type == 'message' && it.author == 'ai:first-contact' }.content", String.class);
    }

    @Test
    void howToQuestionWithAGoodArticleIsAnsweredFromItWithStepsALinkAndAPersonOffered() {
        String product = word();
        publishArticle("Export " + product + " reports", "Reports can be exported any time.\n\n1. Open **" + product
                + "** settings\n2. Select **Export reports**\n3. Choose CSV and download");
        String id = receive(inbound("email", sender(uniqueEmail("howto"), null, null, null, null),
                "How do I export " + product + " reports?")).getString("conversationId");

        JsonPath view = firstContactDone(id);
        assertThat(view.getString("handlingMode")).isEqualTo("deflect");
        assertThat(aiReplies(view)).singleElement().satisfies(reply -> assertThat(reply)
                .contains("1. Open " + product + " settings", "2. Select Export reports", "3. Choose CSV and download")
                .contains("Full article: /kb/")
                .contains(FirstResponse.OFFER_A_PERSON));
        assertThat(view.getString("state")).isEqualTo("awaiting_customer");
        assertThat(view.getMap("timeline.find { it.type == 'message' && it.direction == 'inbound' }.annotations"))
                .containsEntry("intent", "how_to_guidance").containsKeys("confidence", "sentiment", "entities", "severity")
                .hasEntrySatisfying("p0Likelihood", p0 -> assertThat(((Number) p0).doubleValue()).isLessThan(0.25));
    }

    @Test
    void aWeakMatchGetsOneClarifyingQuestion() {
        String product = word();
        publishArticle("Export " + product + " reports", "1. Open settings\n2. Export");
        String id = receive(inbound("email", sender(uniqueEmail("clarify"), null, null, null, null),
                "How do I do the quarterly " + product + " thing for finance?")).getString("conversationId");

        JsonPath view = firstContactDone(id);
        if (!"deflect".equals(view.getString("handlingMode"))) {
            throw new AssertionError("routing did not deflect a how-to question: " + view.getString("handlingMode"));
        }
        assertThat(aiReplies(view)).singleElement().satisfies(reply -> assertThat(reply)
                .startsWith("To point you to the right answer")
                .contains("Export " + product + " reports")
                .contains(FirstResponse.OFFER_A_PERSON));
    }

    @Test
    void askingForAPersonEscalatesAtOnceWithABriefAndNoAiReply() {
        String id = receive(inbound("web_chat", sender(uniqueEmail("human"), null, null, null, null),
                "I want to talk to a real person about my order #55123")).getString("conversationId");

        JsonPath view = firstContactDone(id);
        assertThat(view.getString("state")).isEqualTo("escalated");
        assertThat(aiReplies(view)).isEmpty();
        assertThat(view.getString("handoffBrief.aiTried")).isEqualTo("The customer asked for a person");
        assertThat(view.getList("handoffBrief.entities.value", String.class)).anyMatch(value -> value.contains("55123"));
    }

    @Test
    void askingForAPersonAfterAnAiAnswerEscalates() {
        String product = word();
        publishArticle("Reset " + product + " password", "1. Open login\n2. Click Forgot password");
        String email = uniqueEmail("later");
        String id = receive(inbound("email", sender(email, null, null, null, null),
                "How do I reset my " + product + " password?")).getString("conversationId");
        firstContactDone(id);

        receive(inbound("email", sender(email, null, null, null, null), "agent"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "escalated".equals(conversation(id).getString("state")));
        assertThat(aiReplies(conversation(id))).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void urgentMoneyProblemGoesToPeopleWithAStructuredBrief() {
        String id = receive(inbound("email", sender(uniqueEmail("brief"), null, null, null, null),
                "My transfer of $250.00 failed but the money left my account, transaction TX-99812. I was charged twice!"))
                .getString("conversationId");

        JsonPath view = firstContactDone(id);
        assertThat(aiReplies(view)).isEmpty();
        assertThat(view.getString("severity")).isEqualTo("P0");
        Map<String, Object> brief = view.getMap("handoffBrief");
        assertThat(brief).containsKeys("intent", "confidence", "severity", "summary", "entities", "sentiment", "aiTried",
                "suggestedQueue", "requiredSkills");
        assertThat(brief.get("severity")).isEqualTo("P0");
        assertThat(brief.get("suggestedQueue")).isEqualTo(view.getString("queue"));
        assertThat(view.getList("handoffBrief.entities.type", String.class)).contains("money", "transaction_id");
        assertThat((String) brief.get("summary")).startsWith("My transfer of $250.00 failed");
        // why P0: the money signal, and how much of the nearest examples were P0 cases, on the message's reading
        Map<String, Object> reading = view.getMap("timeline.find { it.type == 'message' && it.direction == 'inbound' }.annotations");
        assertThat(((Map<?, ?>) reading.get("signals")).get("money")).isEqualTo(true);
        assertThat(((Number) reading.get("p0Likelihood")).doubleValue()).isBetween(0.25, 1.0);

        List<Map<String, Object>> tasks = as("admin").queryParam("user", "agent").queryParam("group", "agent")
                .when().get("/usertasks/instance").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(tasks).filteredOn(task -> id.equals(((Map<?, ?>) task.get("inputs")).get("conversationId")))
                .singleElement().satisfies(task -> {
                    assertThat(task.get("taskName")).isEqualTo("RespondToCustomer");
                    assertThat(task.get("inputs").toString()).as("task data is stored in clear: no brief")
                            .doesNotContain("My transfer").doesNotContainIgnoringCase("brief");
                });
    }

    @Test
    void anArticleThatPromisesATimeIsRewrittenByTheFailsafesBeforeTheCustomerSeesIt() {
        String product = word();
        publishArticle("Change the colour theme of the " + product + " dashboard",
                "1. Open Settings\n2. Choose Theme\n3. The new theme will be applied within 2 hours");
        String id = receive(inbound("email", sender(uniqueEmail("eta"), null, null, null, null),
                "How do I change the colour theme of the " + product + " dashboard?")).getString("conversationId");

        JsonPath view = firstContactDone(id);
        assertThat(view.getString("handlingMode")).isEqualTo("deflect");
        assertThat(aiReplies(view)).singleElement().satisfies(reply -> assertThat(reply)
                .doesNotContain("within 2 hours").contains("we will keep you updated"));
        List<Map<String, Object>> failsafeDecisions = as("supervisor").when().get("/api/v1/conversations/{id}/decisions", id)
                .then().extract().jsonPath().getList("findAll { it.policy == 'ai-failsafes' }");
        assertThat(failsafeDecisions).isNotEmpty();
        assertThat(failsafeDecisions).anySatisfy(decision -> assertThat((String) decision.get("explanation"))
                .contains("never-fabricate-eta"));
    }

    @Test
    void aCorrectionOverridesTheAiAndBecomesAnExample() {
        String id = receive(inbound("email", sender(uniqueEmail("fix"), null, null, null, null),
                "The reports page shows an empty chart since this morning")).getString("conversationId");
        firstContactDone(id);

        as("agent").body(Map.of("intent", "bug_technical_defect", "severity", "P2"))
                .when().post("/api/v1/conversations/{id}/corrections", id)
                .then().statusCode(200)
                .body("intent", equalTo("bug_technical_defect"))
                .body("severity", equalTo("P2"))
                .body("exampleSetVersion", org.hamcrest.Matchers.notNullValue());

        JsonPath view = conversation(id);
        assertThat(view.getString("intent")).isEqualTo("bug_technical_defect");
        assertThat(view.getString("severity")).isEqualTo("P2");
        List<String> audit = as("supervisor").queryParam("entityId", id).when().get("/api/v1/audit")
                .then().extract().jsonPath().getList("items.action", String.class);
        assertThat(audit).contains("corrected");
        as("agent").body(Map.of("intent", "gibberish")).when().post("/api/v1/conversations/{id}/corrections", id)
                .then().statusCode(400).body("errors[0].field", equalTo("intent"));
    }
}
