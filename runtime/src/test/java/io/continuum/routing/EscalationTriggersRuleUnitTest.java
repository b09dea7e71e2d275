package io.continuum.routing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Pins rules/escalation-triggers.drl rule by rule through Kogito's generated query endpoint. */
@QuarkusTest
class EscalationTriggersRuleUnitTest {

    private static List<String> firedRules(Map<String, Object> signals) {
        return given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(Map.of("signals", List.of(signals)))
                .when().post("/escalations")
                .then().statusCode(200)
                .extract().jsonPath().getList("rule", String.class);
    }

    private static Map<String, Object> calmConversation() {
        Map<String, Object> signals = new HashMap<>();
        signals.put("conversationId", "conv-1");
        signals.put("lastMessage", "How do I export my invoices?");
        signals.put("customerAskedForHuman", false);
        signals.put("aiConfidence", 0.9);
        signals.put("sentimentTrend", 0.0);
        signals.put("minutesWaiting", 2);
        return signals;
    }

    @Test
    void calmConversationRaisesNoTrigger() {
        assertThat(firedRules(calmConversation())).isEmpty();
    }

    @Test
    void customerAskingForAHumanEscalates() {
        var signals = calmConversation();
        signals.put("customerAskedForHuman", true);
        assertThat(firedRules(signals)).containsExactly("customer-asks-for-human");
    }

    @Test
    void legalAndFraudWordsEscalateWhateverTheCase() {
        var signals = calmConversation();
        signals.put("lastMessage", "This is FRAUD and my Lawyer will hear about it");
        assertThat(firedRules(signals)).containsExactly("risk-keyword");
    }

    @Test
    void keywordInsideAnotherWordDoesNotEscalate() {
        var signals = calmConversation();
        signals.put("lastMessage", "Is the fraudulent-charge report page in the menu? I'm suing nobody");
        assertThat(firedRules(signals)).isEmpty();
    }

    @Test
    void lowConfidenceEscalatesAtTheThreshold() {
        var signals = calmConversation();
        signals.put("aiConfidence", 0.49);
        assertThat(firedRules(signals)).containsExactly("low-ai-confidence");
        signals.put("aiConfidence", 0.5);
        assertThat(firedRules(signals)).isEmpty();
    }

    @Test
    void lowConfidenceOnAFollowUpLeavesAConversationAPersonAnsweredWithThem() {
        var signals = calmConversation();
        signals.put("aiConfidence", 0.2);
        signals.put("personAnswered", true);
        assertThat(firedRules(signals)).isEmpty();
        signals.put("sentimentTrend", -1.0);
        assertThat(firedRules(signals)).as("a collapsing mood still escalates").containsExactly("sentiment-degrading");
    }

    @Test
    void degradingSentimentEscalates() {
        var signals = calmConversation();
        signals.put("sentimentTrend", -0.4);
        assertThat(firedRules(signals)).containsExactly("sentiment-degrading");
    }

    @Test
    void longWaitEscalates() {
        var signals = calmConversation();
        signals.put("minutesWaiting", 30);
        assertThat(firedRules(signals)).containsExactly("waiting-too-long");
        signals.put("minutesWaiting", 29);
        assertThat(firedRules(signals)).isEmpty();
    }

    @Test
    void everyReasonIsReportedWhenSeveralApply() {
        var signals = calmConversation();
        signals.put("customerAskedForHuman", true);
        signals.put("lastMessage", "urgent!!");
        signals.put("minutesWaiting", 45);
        assertThat(firedRules(signals)).containsExactlyInAnyOrder("customer-asks-for-human", "risk-keyword", "waiting-too-long");
    }

    @Test
    void anSlaWarningRaisesPriorityUnlessItIsAlreadyFirst() {
        var signals = calmConversation();
        signals.put("slaState", "warning");
        signals.put("priority", 3);
        assertThat(firedRules(signals)).containsExactly("sla-warning-raises-priority");
        signals.put("priority", 1);
        assertThat(firedRules(signals)).isEmpty();
    }

    @Test
    void anSlaBreachEscalatesAndNotifiesASupervisor() {
        var signals = calmConversation();
        signals.put("slaState", "breached");
        assertThat(firedRules(signals)).containsExactlyInAnyOrder("sla-breached-escalates", "sla-breached-notifies-supervisor");
    }

    @Test
    void fraudMovesTheConversationToTrustAndSafety() {
        var signals = calmConversation();
        signals.put("queue", "payments");
        signals.put("lastMessage", "My card was stolen");
        assertThat(firedRules(signals)).containsExactlyInAnyOrder("risk-keyword", "risk-keyword-moves-to-trust-and-safety");
        signals.put("queue", "trust-and-safety");
        assertThat(firedRules(signals)).containsExactly("risk-keyword");
    }
}
