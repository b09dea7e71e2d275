package io.continuum.firstcontact;

import io.continuum.decisions.DecisionService;
import io.continuum.knowledge.SimilarCases;
import io.continuum.knowledge.SimilarCases.SimilarCase;
import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionService;
import io.continuum.resolution.ResolutionStatus;
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
 *   <li>else the closest similar conversation that was resolved: the root cause an engineer recorded on its
 *       Resolution, or the reason it was resolved with.</li>
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
    /** Enough that resolved or linked cases are not crowded out by a burst of open look-alikes. */
    private static final int CASES_WEIGHED = 20;
    private static final int CASES_SHOWN = 5;

    private final SimilarCases similarCases;
    private final ResolutionService resolutions;
    private final DecisionService decisions;

    SuspectedRootCause(SimilarCases similarCases, ResolutionService resolutions, DecisionService decisions) {
        this.similarCases = similarCases;
        this.resolutions = resolutions;
        this.decisions = decisions;
    }

    /**
     * Remembers the conversation's first message for later lookups and judges its likely cause.
     *
     * @param meaning the first message's embedding
     */
    Optional<Map<String, Object>> judge(UUID conversationId, String intent, float[] meaning) {
        long started = System.nanoTime();
        similarCases.remember(conversationId, intent, meaning);
        List<SimilarCase> close = similarCases.similarTo(meaning, Optional.of(conversationId), CASES_WEIGHED).stream()
                .filter(candidate -> candidate.similarity() >= MIN_SIMILARITY).toList();

        Optional<Map<String, Object>> cause = close.stream()
                .flatMap(candidate -> openResolutionOf(candidate).stream()
                        .map(resolution -> knownIssue(resolution, candidate, close)))
                .findFirst()
                .or(() -> close.stream().filter(SimilarCase::resolved).findFirst()
                        .map(resolved -> resolvedCase(resolved, close)));

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

    private Optional<Resolution> openResolutionOf(SimilarCase candidate) {
        return Optional.ofNullable(candidate.resolutionId()).flatMap(resolutions::find)
                .filter(resolution -> resolution.resolutionStatus() != ResolutionStatus.RESOLVED);
    }

    private Map<String, Object> knownIssue(Resolution resolution, SimilarCase linked, List<SimilarCase> close) {
        String summary = "Probably the known issue " + resolution.caseRef + " (" + resolution.title + "), "
                + resolution.status.replace('_', ' ') + (resolution.rootCause == null ? "" : ": " + resolution.rootCause);
        Map<String, Object> cause = suspicion("open-resolution", summary, linked, close);
        cause.put("resolutionId", resolution.id.toString());
        cause.put("caseRef", resolution.caseRef);
        cause.put("resolutionStatus", resolution.status);
        return cause;
    }

    /** The root cause an engineer recorded on the similar case's Resolution, else the reason it was resolved with. */
    private Map<String, Object> resolvedCase(SimilarCase resolved, List<SimilarCase> close) {
        Optional<Resolution> resolution = Optional.ofNullable(resolved.resolutionId()).flatMap(resolutions::find)
                .filter(known -> known.rootCause != null);
        String summary = resolution.map(known -> "A similar case (" + known.caseRef + ") had the root cause: " + known.rootCause)
                .orElse(resolved.resolvedReason() == null
                        ? "A similar conversation was resolved (no reason recorded)"
                        : "A similar conversation was resolved: " + resolved.resolvedReason());
        Map<String, Object> cause = suspicion("similar-resolved-case", summary, resolved, close);
        resolution.ifPresent(known -> cause.put("resolutionId", known.id.toString()));
        return cause;
    }

    private static Map<String, Object> suspicion(String basis, String summary, SimilarCase closest, List<SimilarCase> close) {
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("basis", basis);
        cause.put("summary", summary);
        cause.put("similarity", closest.similarity());
        cause.put("conversationId", closest.conversationId().toString());
        cause.put("similarCases", close.stream().limit(CASES_SHOWN).map(candidate -> candidate.conversationId().toString())
                .toList());
        return cause;
    }
}
