package io.continuum.firstcontact;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.inbound;
import static io.continuum.support.Api.receive;
import static io.continuum.support.Api.sender;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A follow-up that changes the picture is triaged again through the live policies, upwards only, and never over
 * a person's decision; either way the decision is in the conversation's decision log.
 */
@QuarkusTest
class RetriageTest {

    private static final String HOW_TO = "How do I export my invoices to a CSV file?";
    private static final String OUTAGE = "Update: the whole site is down now, nobody on our team can log in, this is an outage";

    @Test
    void aHowToThatBecomesAnOutageIsTriagedAgainAndACalmFollowUpChangesNothing() {
        String email = uniqueEmail("retriage");
        String id = receive(inbound("email", sender(email, null, null, null, null), HOW_TO)).getString("conversationId");
        JsonPath first = triaged(id);
        assertThat(first.getString("severity")).isEqualTo("P3");

        String thanks = receive(inbound("email", sender(email, null, null, null, null), "ok thanks, I will try that"))
                .getString("messageId");
        awaitRead(id, thanks);
        assertThat(decisions(id, Retriage.DECIDER)).as("nothing new was said").isEmpty();
        assertThat(conversation(id).getString("severity")).isEqualTo("P3");

        receive(inbound("email", sender(email, null, null, null, null), OUTAGE));
        Map<String, Object> retriage = await().atMost(Duration.ofSeconds(30))
                .until(() -> decisions(id, Retriage.DECIDER), found -> !found.isEmpty()).get(0);

        assertThat(outputs(retriage)).containsEntry("applied", true)
                .containsEntry("severity", "P1").containsEntry("intent", "bug_technical_defect");
        JsonPath view = conversation(id);
        assertThat(view.getString("severity")).isEqualTo("P1");
        assertThat(view.getString("intent")).isEqualTo("bug_technical_defect");
        assertThat(view.getString("handlingMode")).isEqualTo("resolution");
        assertThat(decisions(id, "severity")).as("first message and follow-up, each logged").hasSize(2);
        assertThat(decisions(id, "routing")).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(id).get("handoffBrief") != null);
        String resolutionId = await().atMost(Duration.ofSeconds(30)).until(
                () -> conversation(id).getString("resolutionId"), resolution -> resolution != null);
        assertThat(as("engineer").when().get("/api/v1/resolutions/{id}", resolutionId).then().statusCode(200)
                .extract().jsonPath().getString("owningTeam")).isEqualTo("infra");
    }

    @Test
    void aFollowUpNeverMovesAConversationAPersonCorrectedAndTheDecisionNotToIsLogged() {
        String email = uniqueEmail("retriage-person");
        String id = receive(inbound("email", sender(email, null, null, null, null), HOW_TO)).getString("conversationId");
        triaged(id);
        as("agent").body(Map.of("intent", "how_to_guidance", "severity", "P3"))
                .when().post("/api/v1/conversations/{id}/corrections", id).then().statusCode(200);

        receive(inbound("email", sender(email, null, null, null, null), OUTAGE));
        Map<String, Object> retriage = await().atMost(Duration.ofSeconds(30))
                .until(() -> decisions(id, Retriage.DECIDER), found -> !found.isEmpty()).get(0);

        assertThat(outputs(retriage)).containsEntry("applied", false)
                .containsEntry("severity", "P3").containsEntry("proposedSeverity", "P1");
        assertThat(String.valueOf(outputs(retriage).get("reason")))
                .contains("a person corrected its triage");
        JsonPath view = conversation(id);
        assertThat(view.getString("severity")).isEqualTo("P3");
        assertThat(view.getString("intent")).isEqualTo("how_to_guidance");
        assertThat(decisions(id, "severity")).as("only the first message's severity decided the conversation").hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputs(Map<String, Object> decision) {
        return (Map<String, Object>) decision.get("outputs");
    }

    private static JsonPath triaged(String conversationId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> conversation(conversationId).getString("severity") != null);
        return conversation(conversationId);
    }

    private static void awaitRead(String conversationId, String messageId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> annotations = conversation(conversationId)
                    .getMap("timeline.find { it.type == 'message' && it.id == '" + messageId + "' }.annotations");
            return annotations != null && annotations.containsKey("sentiment");
        });
    }

    private static List<Map<String, Object>> decisions(String conversationId, String policy) {
        return as("supervisor").when().get("/api/v1/conversations/{id}/decisions", conversationId)
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.policy == '" + policy + "' }");
    }
}
