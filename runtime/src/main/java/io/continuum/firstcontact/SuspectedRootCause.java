package io.continuum.firstcontact;

import io.continuum.decisions.DecisionService;
import io.continuum.decisions.engine.Evaluation;
import io.continuum.knowledge.SimilarCases;
import io.continuum.knowledge.SimilarCases.SimilarCase;
import io.continuum.resolution.Resolution;
import io.continuum.resolution.ResolutionService;
import io.continuum.resolution.ResolutionStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
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
    Optional<Suspicion> judge(UUID conversationId, String intent, float[] meaning) {
        long started = System.nanoTime();
        similarCases.remember(conversationId, intent, meaning);
        List<SimilarCase> close = similarCases.similarTo(meaning, Optional.of(conversationId), CASES_WEIGHED,
                MIN_SIMILARITY);

        Optional<Suspicion> cause = close.stream()
                .flatMap(candidate -> openResolutionOf(candidate).stream()
                        .map(resolution -> knownIssue(resolution, candidate, close)))
                .findFirst()
                .or(() -> close.stream().filter(SimilarCase::resolved).findFirst()
                        .map(resolved -> resolvedCase(resolved, close)));

        List<Evaluation.FiredRule> weighed = close.stream().map(candidate -> new Evaluation.FiredRule(
                candidate.conversationId().toString(), "similar-cases",
                "similarity " + candidate.similarity() + ", " + candidate.state()
                        + (candidate.resolutionId() != null ? ", Resolution " + candidate.resolutionId() : ""))).toList();
        decisions.record(DECIDER, VERSION, conversationId, new Inputs(intent, MIN_SIMILARITY),
                new Judgement(cause.<Object>map(c -> c).orElse("none")), weighed, (System.nanoTime() - started) / 1_000);
        return cause;
    }

    /** What the judgement is logged with. */
    private record Inputs(String intent, double minSimilarity) {
    }

    /** The suspicion, or "none". */
    private record Judgement(Object suspectedRootCause) {
    }

    private Optional<Resolution> openResolutionOf(SimilarCase candidate) {
        return Optional.ofNullable(candidate.resolutionId()).flatMap(resolutions::find)
                .filter(resolution -> resolution.resolutionStatus() != ResolutionStatus.RESOLVED);
    }

    private Suspicion knownIssue(Resolution resolution, SimilarCase linked, List<SimilarCase> close) {
        String summary = "Probably the known issue " + resolution.caseRef + " (" + resolution.title + "), "
                + resolution.status.replace('_', ' ') + (resolution.rootCause == null ? "" : ": " + resolution.rootCause);
        return new Suspicion.KnownIssue(Suspicion.OPEN_RESOLUTION, summary, linked.similarity(),
                linked.conversationId().toString(), shown(close), resolution.id.toString(), resolution.caseRef,
                resolution.status);
    }

    /** The root cause an engineer recorded on the similar case's Resolution, else the reason it was resolved with. */
    private Suspicion resolvedCase(SimilarCase resolved, List<SimilarCase> close) {
        Optional<Resolution> resolution = Optional.ofNullable(resolved.resolutionId()).flatMap(resolutions::find)
                .filter(known -> known.rootCause != null);
        String summary = resolution.map(known -> "A similar case (" + known.caseRef + ") had the root cause: " + known.rootCause)
                .orElse(resolved.resolvedReason() == null
                        ? "A similar conversation was resolved (no reason recorded)"
                        : "A similar conversation was resolved: " + resolved.resolvedReason());
        return new Suspicion.ResolvedCase(Suspicion.SIMILAR_RESOLVED_CASE, summary, resolved.similarity(),
                resolved.conversationId().toString(), shown(close), resolution.map(known -> known.id.toString()).orElse(null));
    }

    private static List<String> shown(List<SimilarCase> close) {
        return close.stream().limit(CASES_SHOWN).map(candidate -> candidate.conversationId().toString()).toList();
    }
}
