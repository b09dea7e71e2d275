package io.continuum.firstcontact;

import io.continuum.decisions.DecisionService;
import io.continuum.knowledge.SimilarCases;
import io.continuum.knowledge.SimilarCases.SimilarCase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What probably causes a new conversation's problem, judged from conversations that meant the same:
 * <ol>
 *   <li>a similar conversation linked to a Resolution that is still open: a known issue, being fixed;</li>
 *   <li>else similar conversations that were resolved: the reason given when the closest was resolved.</li>
 * </ol>
 * It never invents a cause: with no case at least {@value #MIN_SIMILARITY} similar, there is none.
 * Each judgement, found or not, is logged as the decision {@value #DECIDER} with the cases it weighed.
 */
@ApplicationScoped
class SuspectedRootCause {

    static final String DECIDER = "suspected-root-cause";
    static final int VERSION = 1;
    /** Cosine similarity of the first messages from which another case says something about this one. */
    static final double MIN_SIMILARITY = 0.7;
    private static final int CASES_WEIGHED = 5;

    private final SimilarCases similarCases;
    private final DecisionService decisions;

    SuspectedRootCause(SimilarCases similarCases, DecisionService decisions) {
        this.similarCases = similarCases;
        this.decisions = decisions;
    }

    /** Remembers the conversation's first message for later lookups and judges its likely cause. */
    Optional<Map<String, Object>> judge(UUID conversationId, String intent, String firstMessage) {
        long started = System.nanoTime();
        float[] vector = similarCases.remember(conversationId, intent, firstMessage);
        List<SimilarCase> close = similarCases.similarTo(vector, Optional.of(conversationId), CASES_WEIGHED).stream()
                .filter(candidate -> candidate.similarity() >= MIN_SIMILARITY).toList();

        Optional<Map<String, Object>> cause = close.stream()
                .filter(candidate -> candidate.resolutionId() != null && !candidate.resolved()).findFirst()
                .map(linked -> suspicion("open-resolution", "A similar conversation is linked to an open Resolution: "
                        + "probably the same known issue", linked, close))
                .or(() -> close.stream().filter(SimilarCase::resolved).findFirst()
                        .map(resolved -> suspicion("similar-resolved-case", resolved.resolvedReason() == null
                                ? "A similar conversation was resolved (no reason recorded)"
                                : "A similar conversation was resolved: " + resolved.resolvedReason(), resolved, close)));

        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("intent", intent);
        inputs.put("minSimilarity", MIN_SIMILARITY);
        List<Map<String, Object>> weighed = close.stream().map(candidate -> Map.<String, Object>of(
                "id", candidate.conversationId().toString(), "table", "similar-cases",
                "description", "similarity " + candidate.similarity() + ", " + candidate.state()
                        + (candidate.resolutionId() != null ? ", Resolution " + candidate.resolutionId() : ""))).toList();
        decisions.record(DECIDER, VERSION, conversationId, inputs,
                Map.of("suspectedRootCause", cause.<Object>map(c -> c).orElse("none")), weighed,
                (System.nanoTime() - started) / 1_000);
        return cause;
    }

    private static Map<String, Object> suspicion(String basis, String summary, SimilarCase closest, List<SimilarCase> close) {
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("basis", basis);
        cause.put("summary", summary);
        cause.put("similarity", closest.similarity());
        cause.put("conversationId", closest.conversationId().toString());
        if (closest.resolutionId() != null) {
            cause.put("resolutionId", closest.resolutionId().toString());
        }
        cause.put("similarCases", close.stream().map(candidate -> candidate.conversationId().toString()).toList());
        return cause;
    }
}
