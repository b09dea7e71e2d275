package io.continuum.decisions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.continuum.decisions.PolicyKind;
import io.continuum.failsafes.ProposedAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A compiled rule unit reuses its rule sessions: each evaluation must still see only its own inputs and report
 * only its own results and firings, whatever ran on the session before, failed evaluations and other threads
 * included.
 */
class DrlPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CompiledPolicy failsafes;

    @BeforeAll
    static void compile() throws Exception {
        failsafes = new PolicyCompiler(JSON).compile("ai-failsafes", PolicyKind.DRL,
                Files.readString(Path.of("../rules/ai-failsafes.drl"))).policy().orElseThrow();
    }

    private static Map<String, Object> reply(String actionId, String text) {
        ProposedAction action = new ProposedAction();
        action.setActionId(actionId);
        action.setConversationId("conv-1");
        action.setType("reply");
        action.setActor("ai");
        action.setText(text);
        return Map.of("actions", List.of(JSON.convertValue(action, Map.class)));
    }

    /** "actionId rule:verdict" of every verdict, in the order the rules added them. */
    @SuppressWarnings("unchecked")
    private static List<String> verdicts(Evaluation evaluation) {
        return ((List<Map<String, Object>>) evaluation.outputs().get("verdicts")).stream()
                .map(verdict -> verdict.get("actionId") + " " + verdict.get("rule") + ":" + verdict.get("verdict"))
                .toList();
    }

    @Test
    void anEvaluationSeesNothingOfTheOneBefore() {
        Evaluation promised = failsafes.evaluate(reply("a-1", "You will hear from us within 2 hours."));
        Evaluation harmless = failsafes.evaluate(reply("a-2", "Here is how to export your invoices."));

        assertThat(verdicts(promised)).containsExactlyInAnyOrder("a-1 never-fabricate-eta:rewrite",
                "a-1 log-every-decision:logged");
        assertThat(verdicts(harmless)).containsExactly("a-2 log-every-decision:logged");
        assertThat(harmless.fired()).extracting(Evaluation.FiredRule::id).containsExactly("log-every-decision");
    }

    @Test
    void aFailedEvaluationLeavesNothingBehind() {
        Map<String, Object> notAnAction = Map.of("actions", List.of(Map.of("text", Map.of("not", "a string"))));
        assertThatThrownBy(() -> failsafes.evaluate(notAnAction)).isInstanceOf(PolicyEvaluationException.class);

        Evaluation next = failsafes.evaluate(reply("a-3", "Here is how to export your invoices."));
        assertThat(verdicts(next)).containsExactly("a-3 log-every-decision:logged");
    }

    @Test
    void threadsEvaluatingAtOnceGetTheirOwnVerdicts() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String actionId = "c-" + i;
                String text = i % 2 == 0 ? "You are wrong." : "Thanks, here is the guide.";
                Callable<List<String>> evaluation = () -> verdicts(failsafes.evaluate(reply(actionId, text)));
                results.add(threads.submit(evaluation));
            }
            for (int i = 0; i < results.size(); i++) {
                List<String> expected = i % 2 == 0
                        ? List.of("c-" + i + " never-argue:veto", "c-" + i + " log-every-decision:logged")
                        : List.of("c-" + i + " log-every-decision:logged");
                assertThat(results.get(i).get()).containsExactlyInAnyOrderElementsOf(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
