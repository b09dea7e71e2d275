package io.continuum.firstcontact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.PolicyKind;
import io.continuum.decisions.engine.CompiledPolicy;
import io.continuum.decisions.engine.PolicyCompiler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins rules/classification-fallbacks.drl rule by rule through Kogito's generated query
 * endpoint ({@code POST /fallbacks}), trying to break each rule at its edges, and checks that
 * the rules exclude each other (at most one adjustment per classification).
 */
@QuarkusTest
class ClassificationFallbacksRuleUnitTest {

    private static final List<String> INTENTS = List.of("how_to_guidance", "account_access_issue",
            "transaction_system_failure", "bug_technical_defect", "urgent_high_risk", "noise_low_intent", "unknown");

    private static List<Map<String, Object>> adjustments(List<Map<String, Object>> classifications) {
        return given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(Map.of("classifications", classifications))
                .when().post("/fallbacks")
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** The one adjustment for a classification, as "rule -> toIntent", or "none". */
    private static String fallback(Map<String, Object> classification) {
        List<Map<String, Object>> found = adjustments(List.of(classification));
        assertThat(found).as("at most one adjustment").hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? "none" : found.get(0).get("rule") + " -> " + found.get(0).get("toIntent");
    }

    private static Map<String, Object> confident(String intent) {
        Map<String, Object> classification = new HashMap<>();
        classification.put("conversationId", "conv-1");
        classification.put("text", "I would like to change the email address on my account please");
        classification.put("intent", intent);
        classification.put("confidence", 0.9);
        classification.put("moneySignal", false);
        classification.put("securitySignal", false);
        classification.put("legalSignal", false);
        classification.put("outageSignal", false);
        return classification;
    }

    private static Map<String, Object> with(Map<String, Object> classification, String field, Object value) {
        classification.put(field, value);
        return classification;
    }

    @ParameterizedTest
    @ValueSource(strings = {"how_to_guidance", "account_access_issue", "transaction_system_failure",
            "bug_technical_defect", "urgent_high_risk", "unknown"})
    void aConfidentClassificationWithoutContradictingSignalsStands(String intent) {
        assertThat(fallback(confident(intent))).isEqualTo("none");
    }

    @Test
    void lowConfidenceHandsToAHumanBelowTheThreshold() {
        assertThat(fallback(with(confident("bug_technical_defect"), "confidence", 0.44)))
                .isEqualTo("low-confidence-hands-to-human -> unknown");
        assertThat(fallback(with(confident("bug_technical_defect"), "confidence", 0.45))).isEqualTo("none");
        assertThat(fallback(with(confident("how_to_guidance"), "confidence", 0.0)))
                .isEqualTo("low-confidence-hands-to-human -> unknown");
    }

    @Test
    void lowConfidenceDoesNotRewriteAnIntentThatIsAlreadyUnknown() {
        assertThat(fallback(with(confident("unknown"), "confidence", 0.1))).isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"how_to_guidance", "transaction_system_failure", "bug_technical_defect", "noise_low_intent", "unknown"})
    void aSecuritySignalMakesAnyOtherIntentUrgent(String intent) {
        assertThat(fallback(with(confident(intent), "securitySignal", true)))
                .isEqualTo("security-signal-overrides-intent -> urgent_high_risk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"urgent_high_risk", "account_access_issue"})
    void aSecuritySignalLeavesUrgentAndAccountAccessIntentsAlone(String intent) {
        assertThat(fallback(with(confident(intent), "securitySignal", true))).isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"how_to_guidance", "noise_low_intent", "unknown"})
    void aMoneySignalTurnsAWeakIntentIntoATransactionFailure(String intent) {
        assertThat(fallback(with(confident(intent), "moneySignal", true)))
                .isEqualTo("money-signal-overrides-weak-intent -> transaction_system_failure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"account_access_issue", "transaction_system_failure", "bug_technical_defect", "urgent_high_risk"})
    void aMoneySignalLeavesAStrongIntentAlone(String intent) {
        assertThat(fallback(with(confident(intent), "moneySignal", true))).isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"how_to_guidance", "noise_low_intent", "unknown"})
    void anOutageSignalTurnsAWeakIntentIntoADefect(String intent) {
        assertThat(fallback(with(confident(intent), "outageSignal", true)))
                .isEqualTo("outage-signal-overrides-weak-intent -> bug_technical_defect");
    }

    @Test
    void anOutageReadAsALockoutIsADefect() {
        assertThat(fallback(with(confident("account_access_issue"), "outageSignal", true)))
                .isEqualTo("outage-is-not-a-lockout -> bug_technical_defect");
        var unsure = with(with(confident("account_access_issue"), "outageSignal", true), "confidence", 0.2);
        assertThat(fallback(unsure)).isEqualTo("outage-is-not-a-lockout -> bug_technical_defect");
        assertThat(fallback(with(with(confident("account_access_issue"), "outageSignal", true), "securitySignal", true)))
                .isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"transaction_system_failure", "bug_technical_defect", "urgent_high_risk"})
    void anOutageSignalLeavesAStrongIntentAlone(String intent) {
        assertThat(fallback(with(confident(intent), "outageSignal", true))).isEqualTo("none");
    }

    @Test
    void theStrongestSignalWinsAndOnlyOneAdjustmentIsMade() {
        var everything = confident("how_to_guidance");
        everything.put("securitySignal", true);
        everything.put("moneySignal", true);
        everything.put("outageSignal", true);
        everything.put("confidence", 0.2);
        assertThat(fallback(everything)).isEqualTo("security-signal-overrides-intent -> urgent_high_risk");
        everything.put("securitySignal", false);
        assertThat(fallback(everything)).isEqualTo("money-signal-overrides-weak-intent -> transaction_system_failure");
        everything.put("moneySignal", false);
        assertThat(fallback(everything)).isEqualTo("outage-signal-overrides-weak-intent -> bug_technical_defect");
        everything.put("outageSignal", false);
        assertThat(fallback(everything)).isEqualTo("low-confidence-hands-to-human -> unknown");
    }

    @Test
    void aSignalThatAgreesWithAnUnsureIntentConfirmsIt() {
        assertThat(fallback(with(with(confident("bug_technical_defect"), "outageSignal", true), "confidence", 0.2)))
                .isEqualTo("none");
        assertThat(fallback(with(with(confident("transaction_system_failure"), "moneySignal", true), "confidence", 0.2)))
                .isEqualTo("none");
        assertThat(fallback(with(with(confident("urgent_high_risk"), "securitySignal", true), "confidence", 0.2)))
                .isEqualTo("none");
        assertThat(fallback(with(with(confident("bug_technical_defect"), "moneySignal", true), "confidence", 0.2)))
                .isEqualTo("low-confidence-hands-to-human -> unknown");
    }

    @Test
    void aSignalThatDoesNotApplyLeavesLowConfidenceToDecide() {
        var lockedOut = with(with(confident("account_access_issue"), "moneySignal", true), "confidence", 0.3);
        assertThat(fallback(lockedOut)).isEqualTo("low-confidence-hands-to-human -> unknown");
    }

    @Test
    void theLegalSignalNeverChangesTheIntent() {
        for (String intent : INTENTS) {
            assertThat(fallback(with(confident(intent), "legalSignal", true))).as(intent).isEqualTo("none");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"how do I export my invoices", "Can I change my plan", "hi, how do I reset it",
            "anyone there?", "IS THERE A DARK MODE", "What’s the fee", "why"})
    void noiseThatAsksAQuestionIsAHowToQuestion(String text) {
        assertThat(fallback(with(confident("noise_low_intent"), "text", text)))
                .isEqualTo("noise-that-is-a-real-question -> how_to_guidance");
    }

    @Test
    void noiseLongerThan200CharactersIsAHowToQuestion() {
        assertThat(fallback(with(confident("noise_low_intent"), "text", "a".repeat(201))))
                .isEqualTo("noise-that-is-a-real-question -> how_to_guidance");
        assertThat(fallback(with(confident("noise_low_intent"), "text", "a".repeat(200)))).isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ok thanks", "test", "👍", "Can't wait, cheers", "Isn't it great", "Whatever", "Howdy", ""})
    void realNoiseStaysNoise(String text) {
        assertThat(fallback(with(confident("noise_low_intent"), "text", text))).isEqualTo("none");
    }

    @Test
    void aQuestionInAnotherIntentIsNotAdjusted() {
        assertThat(fallback(with(confident("bug_technical_defect"), "text", "Why does the app crash?"))).isEqualTo("none");
    }

    @Test
    void aMissingTextIsNotAQuestion() {
        var classification = confident("noise_low_intent");
        classification.remove("text");
        assertThat(fallback(classification)).isEqualTo("none");
    }

    @Test
    void lowConfidenceBeatsTheQuestionRuleForNoise() {
        var unsure = with(with(confident("noise_low_intent"), "text", "how do I do this?"), "confidence", 0.3);
        assertThat(fallback(unsure)).isEqualTo("low-confidence-hands-to-human -> unknown");
    }

    @Test
    void anAdjustmentSaysWhatChangedForWhichConversationAndWhy() {
        var classification = with(with(confident("how_to_guidance"), "moneySignal", true), "conversationId", "conv-42");
        Map<String, Object> adjustment = adjustments(List.of(classification)).get(0);
        assertThat(adjustment).containsEntry("conversationId", "conv-42")
                .containsEntry("rule", "money-signal-overrides-weak-intent")
                .containsEntry("fromIntent", "how_to_guidance")
                .containsEntry("toIntent", "transaction_system_failure");
        assertThat((String) adjustment.get("reason")).isNotBlank();
    }

    /** 7 intents x 16 signal combinations x 3 confidences x 2 texts, in one request: never two adjustments. */
    @Test
    void everyClassificationGetsAtMostOneAdjustmentAndTheRulesAreIndependentPerClassification() {
        List<Map<String, Object>> classifications = new ArrayList<>();
        for (String intent : INTENTS) {
            for (int signals = 0; signals < 16; signals++) {
                for (double confidence : new double[] {0.2, 0.45, 0.95}) {
                    for (String text : new String[] {"thanks", "How do I pay?"}) {
                        Map<String, Object> classification = confident(intent);
                        classification.put("conversationId", "conv-" + classifications.size());
                        classification.put("moneySignal", (signals & 1) != 0);
                        classification.put("securitySignal", (signals & 2) != 0);
                        classification.put("legalSignal", (signals & 4) != 0);
                        classification.put("outageSignal", (signals & 8) != 0);
                        classification.put("confidence", confidence);
                        classification.put("text", text);
                        classifications.add(classification);
                    }
                }
            }
        }
        List<Map<String, Object>> found = adjustments(classifications);
        Map<Object, Long> perConversation = found.stream()
                .collect(Collectors.groupingBy(adjustment -> adjustment.get("conversationId"), Collectors.counting()));
        assertThat(perConversation.values()).allMatch(count -> count == 1);
        Map<Object, Map<String, Object>> byId = classifications.stream()
                .collect(Collectors.toMap(c -> c.get("conversationId"), Function.identity()));
        for (Map<String, Object> adjustment : found) {
            Map<String, Object> classification = byId.get(adjustment.get("conversationId"));
            assertThat(adjustment.get("fromIntent")).isEqualTo(classification.get("intent"));
            assertThat(adjustment.get("toIntent")).isNotEqualTo(classification.get("intent"));
            assertThat(fallback(classification)).as("the same alone as in a batch").isEqualTo(
                    adjustment.get("rule") + " -> " + adjustment.get("toIntent"));
        }
        assertThat(found).extracting(adjustment -> adjustment.get("rule")).contains(
                "security-signal-overrides-intent", "money-signal-overrides-weak-intent", "outage-signal-overrides-weak-intent",
                "outage-is-not-a-lockout", "low-confidence-hands-to-human", "noise-that-is-a-real-question");
    }

    /** The policy store compiles published versions at run time, without the unit's generated code. */
    @Test
    void compilesAndDecidesTheSameAtRunTimeLikeThePolicyStore() throws Exception {
        ObjectMapper json = new ObjectMapper();
        CompiledPolicy policy = new PolicyCompiler(json).compile("classification-fallbacks", PolicyKind.DRL,
                Files.readString(Path.of("../rules/classification-fallbacks.drl"))).policy().orElseThrow();

        ClassificationFacts security = new ClassificationFacts();
        security.setConversationId("conv-1");
        security.setIntent("how_to_guidance");
        security.setConfidence(0.3);
        security.setSecuritySignal(true);
        ClassificationFacts question = new ClassificationFacts();
        question.setConversationId("conv-2");
        question.setIntent("noise_low_intent");
        question.setConfidence(0.8);
        question.setText("How do I invite my team?");
        ClassificationFacts fine = new ClassificationFacts();
        fine.setConversationId("conv-3");
        fine.setIntent("bug_technical_defect");
        fine.setConfidence(0.8);

        Map<String, Object> outputs = policy.evaluate(Map.of("classifications",
                json.convertValue(List.of(security, question, fine), List.class))).outputs();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> added = (List<Map<String, Object>>) outputs.get("adjustments");
        assertThat(added).extracting(a -> a.get("conversationId") + " " + a.get("rule") + " -> " + a.get("toIntent"))
                .containsExactlyInAnyOrder("conv-1 security-signal-overrides-intent -> urgent_high_risk",
                        "conv-2 noise-that-is-a-real-question -> how_to_guidance");
    }
}
