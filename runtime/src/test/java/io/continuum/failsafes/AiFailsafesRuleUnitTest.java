package io.continuum.failsafes;

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
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins rules/ai-failsafes.drl rule by rule through Kogito's generated query endpoint
 * ({@code POST /failsafe-verdicts}), trying to break each failsafe: other phrasings, other
 * cases, the exceptions that must pass (an ETA an engineer set, a person's own action, harmless
 * texts), and the log that must see every action.
 */
@QuarkusTest
class AiFailsafesRuleUnitTest {

    private static final String SAFE_TEXT =
            "Thank you for your patience. Our team is working on this and we will keep you updated here as soon as we know more.";
    private static final List<String> TYPES = List.of("reply", "escalate", "suppress_escalation", "deflect", "assign",
            "reassign", "change_state", "change_queue", "close");

    private static List<Map<String, Object>> verdicts(List<Map<String, Object>> actions) {
        return given().auth().preemptive().basic("admin", "admin")
                .contentType(ContentType.JSON)
                .body(Map.of("actions", actions))
                .when().post("/failsafe-verdicts")
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** The failsafes that fired for one action, as "rule:verdict", leaving out the log entry every action gets. */
    private static List<String> fired(Map<String, Object> action) {
        return verdicts(List.of(action)).stream()
                .filter(verdict -> !"logged".equals(verdict.get("verdict")))
                .map(verdict -> verdict.get("rule") + ":" + verdict.get("verdict"))
                .toList();
    }

    private static Map<String, Object> aiReply(String text) {
        Map<String, Object> action = new HashMap<>();
        action.put("actionId", "act-1");
        action.put("conversationId", "conv-1");
        action.put("type", "reply");
        action.put("actor", "ai");
        action.put("text", text);
        action.put("customerAskedForHuman", false);
        action.put("escalationRaised", false);
        action.put("humanDecision", false);
        action.put("engineerConfirmedFix", false);
        return action;
    }

    private static Map<String, Object> action(String type, String actor) {
        Map<String, Object> action = aiReply("");
        action.put("type", type);
        action.put("actor", actor);
        return action;
    }

    private static Map<String, Object> with(Map<String, Object> action, String field, Object value) {
        action.put(field, value);
        return action;
    }

    // never-block-escalation

    @ParameterizedTest
    @ValueSource(strings = {"suppress_escalation", "deflect", "close", "DEFLECT", " Suppress_Escalation "})
    void automationNeverHoldsBackACustomerWhoAskedForAPerson(String type) {
        for (String actor : new String[] {"ai", "rule", "AI"}) {
            assertThat(fired(with(action(type, actor), "customerAskedForHuman", true))).as(actor)
                    .contains("never-block-escalation:veto");
            assertThat(fired(with(action(type, actor), "escalationRaised", true))).as(actor)
                    .contains("never-block-escalation:veto");
        }
    }

    @Test
    void anActionWithoutAnActorCountsAsAutomated() {
        Map<String, Object> deflect = with(action("deflect", "ai"), "customerAskedForHuman", true);
        deflect.remove("actor");
        assertThat(fired(deflect)).containsExactly("never-block-escalation:veto");
    }

    @Test
    void aBlockedEscalationGoesToAPerson() {
        Map<String, Object> verdict = verdicts(List.of(with(action("suppress_escalation", "rule"), "escalationRaised", true))).get(0);
        assertThat(verdict).containsEntry("actionId", "act-1").containsEntry("rule", "never-block-escalation")
                .containsEntry("verdict", "veto").containsEntry("handToHuman", true);
        assertThat((String) verdict.get("reason")).isNotBlank();
    }

    @Test
    void escalationRulePassesWhatDoesNotHoldTheConversationBack() {
        assertThat(fired(with(action("escalate", "ai"), "customerAskedForHuman", true))).isEmpty();
        assertThat(fired(with(action("assign", "rule"), "escalationRaised", true))).isEmpty();
        assertThat(fired(with(aiReply("I am connecting you with a colleague now."), "customerAskedForHuman", true))).isEmpty();
        assertThat(fired(action("deflect", "ai"))).as("nobody asked for a person").isEmpty();
        assertThat(fired(action("close", "rule"))).isEmpty();
        assertThat(fired(with(action("close", "human"), "customerAskedForHuman", true))).as("a person may close it").isEmpty();
    }

    // never-fabricate-eta

    @ParameterizedTest
    @ValueSource(strings = {
            "We will get back to you within 2 hours.",
            "The fix should be ready by tomorrow.",
            "ETA for the fix is Friday.",
            "eta: 2 hours",
            "Our engineers expect to have it fixed in 3 days.",
            "It will be FIXED BY FRIDAY.",
            "You'll hear from us within 24h.",
            "We’ll have this sorted in an hour or so.",
            "It'll be back up soon.",
            "The patch will be released on Monday.",
            "We expect a resolution by the end of the day.",
            "I'll update you later today.",
            "You should see a fix in 2-3 business days.",
            "It will be resolved by 5pm.",
            "In 3 days the fix will be live.",
            "Expect a reply in the next hour.",
            "Fixed tonight!",
            "The new version goes out by next Tuesday.",
    })
    void aReplyPromisingATimeNoEngineerSetIsRewritten(String text) {
        List<Map<String, Object>> found = verdicts(List.of(aiReply(text)));
        assertThat(found).filteredOn(verdict -> "never-fabricate-eta".equals(verdict.get("rule")))
                .singleElement()
                .satisfies(verdict -> assertThat(verdict).containsEntry("verdict", "rewrite")
                        .containsEntry("rewrittenText", SAFE_TEXT).containsEntry("handToHuman", false));
        assertThat(found).extracting(verdict -> verdict.get("verdict")).doesNotContain("veto");
    }

    @ParameterizedTest
    @ValueSource(strings = {"The fix should be ready by tomorrow.", "ETA for the fix is Friday.", "We will get back to you within 2 hours."})
    void aTimeAnEngineerSetPassesUnchanged(String text) {
        assertThat(fired(with(aiReply(text), "engineerEta", "2026-12-04T17:00:00Z"))).isEmpty();
    }

    @Test
    void aBlankEngineerEtaCountsAsUnset() {
        assertThat(fired(with(aiReply("It will be fixed by Friday."), "engineerEta", "  ")))
                .containsExactly("never-fabricate-eta:rewrite");
    }

    @Test
    void aPersonMayPromiseATime() {
        assertThat(fired(with(aiReply("It will be fixed by Friday."), "actor", "human"))).isEmpty();
    }

    @Test
    void theRuleActorIsCheckedLikeTheAi() {
        assertThat(fired(with(aiReply("We will get back to you within 2 hours."), "actor", "rule")))
                .containsExactly("never-fabricate-eta:rewrite");
    }

    // never-fabricate-fix

    @ParameterizedTest
    @ValueSource(strings = {
            "Good news: the issue has been fixed.",
            "The login problem is resolved now.",
            "We deployed a fix this morning.",
            "WE'VE DEPLOYED A HOTFIX.",
            "Don't worry, it's fixed now.",
            "Our engineers have resolved the outage.",
            "The fix is live.",
            "It should be working again now.",
            "The bug was fixed yesterday.",
            "We fixed it!",
            "The service is back up.",
            "It’s been resolved.",
            "Thanks for waiting. The payment issue has now been resolved, please try again.",
    })
    void aReplyClaimingAFixNoEngineerConfirmedIsRewritten(String text) {
        List<Map<String, Object>> found = verdicts(List.of(aiReply(text)));
        assertThat(found).filteredOn(verdict -> "never-fabricate-fix".equals(verdict.get("rule")))
                .singleElement()
                .satisfies(verdict -> assertThat(verdict).containsEntry("verdict", "rewrite")
                        .containsEntry("rewrittenText", SAFE_TEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Good news: the issue has been fixed.", "We deployed a fix this morning.", "The fix is live."})
    void aFixAnEngineerConfirmedPassesUnchanged(String text) {
        assertThat(fired(with(aiReply(text), "engineerConfirmedFix", true))).isEmpty();
    }

    @Test
    void aFixClaimAndATimeInOneReplyGiveTheSameSafeText() {
        List<Map<String, Object>> rewrites = verdicts(List.of(aiReply("It has been fixed and the rest will be done by tomorrow.")))
                .stream().filter(verdict -> "rewrite".equals(verdict.get("verdict"))).toList();
        assertThat(rewrites).extracting(verdict -> verdict.get("rule"))
                .containsExactlyInAnyOrder("never-fabricate-eta", "never-fabricate-fix");
        assertThat(rewrites).extracting(verdict -> verdict.get("rewrittenText")).containsOnly(SAFE_TEXT);
    }

    // never-argue

    @ParameterizedTest
    @ValueSource(strings = {
            "You are wrong about that.",
            "You're simply mistaken.",
            "YOU ARE WRONG.",
            "You’re wrong.",
            "You got it wrong.",
            "That's not true, we never charged you twice.",
            "That is NOT true.",
            "This isn't correct.",
            "Please calm down.",
            "As I already told you, the export is in Settings.",
            "As I told you, it's in Settings.",
            "Like I said, reset your password.",
            "As we explained before, refunds take time.",
            "How many times do I have to repeat this?",
            "This is your fault.",
            "It was your own fault for sharing the password.",
            "You should have read the instructions.",
            "Did you even read my message?",
            "That's user error.",
    })
    void aReplyThatArguesIsStoppedAndAPersonTakesOver(String text) {
        List<Map<String, Object>> found = verdicts(List.of(aiReply(text)));
        assertThat(found).filteredOn(verdict -> "never-argue".equals(verdict.get("rule")))
                .singleElement()
                .satisfies(verdict -> assertThat(verdict).containsEntry("verdict", "veto").containsEntry("handToHuman", true));
    }

    @Test
    void aPersonsReplyIsNotCheckedForArguing() {
        assertThat(fired(with(aiReply("That's not true, we never charged you twice."), "actor", "human"))).isEmpty();
    }

    // harmless replies pass every text failsafe

    @ParameterizedTest
    @ValueSource(strings = {
            SAFE_TEXT,
            "Thanks for reaching out! Open Billing, then Invoices, and click Export.",
            "We'll let you know as soon as it's fixed.",
            "Once the issue is resolved, we will update you here.",
            "We will tell you when the fix is live.",
            "I don't have an ETA yet, but we will keep you updated as soon as we know more.",
            "Our engineers are investigating and we will keep you updated.",
            "The beta program is open to everyone.",
            "Could you tell me whether the problem is fixed on your side?",
            "Most login problems are resolved by resetting your password.",
            "We have not deployed a fix yet; engineers are still on it.",
            "The issue hasn't been fixed yet, and I'm sorry about that.",
            "Has the problem been resolved for you?",
            "Is it fixed for you now?",
            "It's not your fault at all, these things happen.",
            "This is in no way your fault.",
            "If that's not correct, please tell me.",
            "Let me know if this isn't right.",
            "Sorry, I was wrong earlier: the export is under Reports.",
            "Something went wrong on our side, sorry about that.",
            "Your wrong password attempts locked the account; here is how to unlock it.",
            "You can reset your password up to 3 times in a day.",
            "Refund requests are accepted within 30 days of purchase.",
            "Sort the list by date to find your invoice.",
            "Increase the limit by 10 in Settings.",
            "Your invoices from the last 3 days are in the Billing tab.",
            "When will it be fixed? Our engineers are looking into it.",
            "I understand how frustrating this is.",
            "",
    })
    void aHarmlessReplyPassesUnchanged(String text) {
        assertThat(fired(aiReply(text))).isEmpty();
    }

    @Test
    void aVeryLongReplyIsCheckedWithoutTrouble() {
        String rambling = "Our team is looking into the report you sent and we appreciate the detail, it helps a lot. ".repeat(200);
        assertThat(fired(aiReply(rambling))).isEmpty();
        assertThat(fired(aiReply(rambling + "The problem is fixed."))).containsExactly("never-fabricate-fix:rewrite");
    }

    // never-override-human

    @ParameterizedTest
    @ValueSource(strings = {"assign", "reassign", "change_state", "change_queue", "close", "Change_Queue"})
    void automationNeverUndoesAPersonsDecision(String type) {
        for (String actor : new String[] {"ai", "rule"}) {
            List<Map<String, Object>> found = verdicts(List.of(with(action(type, actor), "humanDecision", true)));
            assertThat(found).filteredOn(verdict -> "never-override-human".equals(verdict.get("rule")))
                    .as(actor).singleElement()
                    .satisfies(verdict -> assertThat(verdict).containsEntry("verdict", "veto"));
        }
    }

    @Test
    void aPersonMayChangeAnotherPersonsDecision() {
        for (String type : TYPES) {
            assertThat(fired(with(action(type, "human"), "humanDecision", true))).as(type).isEmpty();
            assertThat(fired(with(action(type, "Human"), "humanDecision", true))).as(type).isEmpty();
        }
    }

    @Test
    void automationMayActWhereNoPersonDecided() {
        for (String type : List.of("assign", "reassign", "change_state", "change_queue", "close")) {
            assertThat(fired(action(type, "rule"))).as(type).isEmpty();
        }
    }

    @Test
    void escalationsDoNotOverrideAPerson() {
        assertThat(fired(with(action("escalate", "rule"), "humanDecision", true))).isEmpty();
    }

    // never-speak-over-human

    @Test
    void theAiStaysSilentOnceAPersonTookOver() {
        assertThat(fired(with(aiReply("Here is how to export your invoices."), "humanDecision", true)))
                .containsExactly("never-speak-over-human:veto");
        assertThat(fired(with(action("reply", "rule"), "humanDecision", true))).containsExactly("never-speak-over-human:veto");
    }

    @Test
    void theAiRepliesWhileNoPersonIsInvolvedAndPeopleAlwaysMayReply() {
        assertThat(fired(aiReply("Here is how to export your invoices."))).isEmpty();
        assertThat(fired(with(action("reply", "human"), "humanDecision", true))).isEmpty();
    }

    @Test
    void closingAgainstAPersonAndAnEscalationGivesBothReasons() {
        Map<String, Object> close = with(with(action("close", "ai"), "humanDecision", true), "customerAskedForHuman", true);
        assertThat(fired(close)).containsExactlyInAnyOrder("never-block-escalation:veto", "never-override-human:veto");
    }

    // log-every-decision

    @Test
    void aSummaryAModelWroteMayNotPromiseATimeOrAFixEither() {
        Map<String, Object> eta = action("summary", "ai");
        eta.put("text", "The API fails with 503; engineering will have it fixed by tomorrow.");
        Map<String, Object> fix = action("summary", "ai");
        fix.put("text", "The customer saw HTTP 503 errors. The issue has been fixed.");
        Map<String, Object> facts = action("summary", "ai");
        facts.put("text", "The customer sees HTTP 503 on every call and already rotated the API key.");

        assertThat(fired(eta)).contains("never-fabricate-eta:rewrite");
        assertThat(fired(fix)).contains("never-fabricate-fix:rewrite");
        assertThat(fired(facts)).isEmpty();
    }

    @Test
    void everyActionIsLoggedExactlyOnceWhateverElseFired() {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (String type : TYPES) {
            for (String actor : new String[] {"ai", "rule", "human"}) {
                Map<String, Object> action = action(type, actor);
                action.put("actionId", type + "-" + actor);
                action.put("text", "As I already told you, it has been fixed by Friday.");
                action.put("customerAskedForHuman", true);
                action.put("humanDecision", true);
                actions.add(action);
            }
        }
        List<Map<String, Object>> found = verdicts(actions);
        Map<Object, Long> logged = found.stream().filter(verdict -> "logged".equals(verdict.get("verdict")))
                .peek(verdict -> assertThat(verdict).containsEntry("rule", "log-every-decision"))
                .collect(Collectors.groupingBy(verdict -> verdict.get("actionId"), Collectors.counting()));
        assertThat(logged).hasSize(actions.size()).allSatisfy((actionId, count) -> assertThat(count).isEqualTo(1));
        assertThat(found).extracting(verdict -> verdict.get("actionId")).containsOnlyElementsOf(logged.keySet());
    }

    @Test
    void aHarmlessActionIsOnlyLogged() {
        assertThat(verdicts(List.of(aiReply("Here is how to export your invoices."))))
                .singleElement()
                .satisfies(verdict -> assertThat(verdict).containsEntry("actionId", "act-1")
                        .containsEntry("rule", "log-every-decision").containsEntry("verdict", "logged")
                        .containsEntry("handToHuman", false));
    }

    /** The policy store compiles published versions at run time, without the unit's generated code. */
    @Test
    void compilesAndDecidesTheSameAtRunTimeLikeThePolicyStore() throws Exception {
        ObjectMapper json = new ObjectMapper();
        CompiledPolicy policy = new PolicyCompiler(json).compile("ai-failsafes", PolicyKind.DRL,
                Files.readString(Path.of("../rules/ai-failsafes.drl"))).policy().orElseThrow();

        ProposedAction eta = proposed("a-1", "reply", "ai", "We will get back to you within 2 hours.");
        ProposedAction argue = proposed("a-2", "reply", "ai", "You are wrong.");
        ProposedAction deflect = proposed("a-3", "deflect", "rule", "");
        deflect.setCustomerAskedForHuman(true);
        ProposedAction reassign = proposed("a-4", "reassign", "ai", "");
        reassign.setHumanDecision(true);
        ProposedAction fix = proposed("a-5", "reply", "ai", "The fix is live.");
        ProposedAction human = proposed("a-6", "close", "human", "");
        human.setHumanDecision(true);

        Map<String, Object> outputs = policy.evaluate(Map.of("actions",
                json.convertValue(List.of(eta, argue, deflect, reassign, fix, human), List.class))).outputs();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> added = (List<Map<String, Object>>) outputs.get("verdicts");
        assertThat(added).filteredOn(verdict -> !"logged".equals(verdict.get("verdict")))
                .extracting(verdict -> verdict.get("actionId") + " " + verdict.get("rule") + ":" + verdict.get("verdict"))
                .containsExactlyInAnyOrder("a-1 never-fabricate-eta:rewrite", "a-2 never-argue:veto",
                        "a-3 never-block-escalation:veto", "a-4 never-override-human:veto", "a-5 never-fabricate-fix:rewrite");
        assertThat(added).filteredOn(verdict -> "logged".equals(verdict.get("verdict"))).hasSize(6);
    }

    private static ProposedAction proposed(String id, String type, String actor, String text) {
        ProposedAction action = new ProposedAction();
        action.setActionId(id);
        action.setConversationId("conv-1");
        action.setType(type);
        action.setActor(actor);
        action.setText(text);
        return action;
    }
}
