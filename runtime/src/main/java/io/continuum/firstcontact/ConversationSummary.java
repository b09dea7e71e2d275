package io.continuum.firstcontact;

import io.continuum.failsafes.FailsafePolicy;
import io.continuum.failsafes.ProposedAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The summary a person reads first in a hand-off brief, and a Resolution's summary of its notes. Extractive by
 * default: the customer's own sentences (the engineers', for notes) that say the most — entities (error codes,
 * order, invoice and ticket numbers, amounts), what they already tried, what is at stake — at most {@value #SENTENCES} of them, in the order they wrote them. When a language model is
 * configured ({@link GenerativePhrasing}) it phrases those sentences, and its text is used only if the live
 * {@code ai-failsafes} let it through unchanged: a model can invent a fix, an ETA or a promise, so a refused
 * phrasing leaves the extractive summary standing (the refusal is in the decision log). The extractive summary
 * quotes only the customer, so it cannot carry a promise of ours.
 */
@ApplicationScoped
public class ConversationSummary {

    private static final Logger LOG = Logger.getLogger(ConversationSummary.class);
    static final int SENTENCES = 3;
    static final int MAX_LENGTH = 400;
    /**
     * A sentence with an entity, a thing tried or a risk in it scores at least this; small talk ("Hi there.",
     * "Thanks") does not, and is summarised only when there is nothing else.
     */
    static final double INFORMATIVE = 1.0;
    /** Who wrote the summary, as the brief says. */
    static final String EXTRACTIVE = "extractive";
    static final String MODEL = "model";

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\s*\\n+\\s*");
    /** What the customer already did: the first thing the person taking over needs not to ask again. */
    private static final Pattern TRIED = Pattern.compile(
            "(?i)\\b(tried|already|restart(ed)?|reinstall(ed)?|clear(ed)?|reset|updated|followed|checked|re-?entered)\\b");

    /** The summary and who wrote it ({@value #EXTRACTIVE} or {@value #MODEL}). */
    public record Summary(String text, String by) {
    }

    private final GenerativePhrasing phrasing;
    private final FailsafePolicy failsafes;

    ConversationSummary(GenerativePhrasing phrasing, FailsafePolicy failsafes) {
        this.phrasing = phrasing;
        this.failsafes = failsafes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Summary of(UUID conversationId, List<String> messages) {
        ProposedAction vetting = new ProposedAction();
        vetting.setConversationId(conversationId.toString());
        return summarize(messages, vetting, "conversation " + conversationId);
    }

    /**
     * A Resolution's internal notes, summarised the same way. Its engineers confirmed the fix when they resolved it,
     * so a model's phrasing may state that fix ({@code fixConfirmed}); an ETA or a promise is still refused.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Summary ofResolutionNotes(String caseRef, List<String> notes, boolean fixConfirmed) {
        ProposedAction vetting = new ProposedAction();
        vetting.setEngineerConfirmedFix(fixConfirmed);
        return summarize(notes, vetting, "case " + caseRef);
    }

    private Summary summarize(List<String> texts, ProposedAction vetting, String subject) {
        String extract = extractive(texts);
        Optional<String> phrased = extract.isEmpty() ? Optional.empty() : phrasing.summarize(extract);
        if (phrased.isEmpty()) {
            return new Summary(extract, EXTRACTIVE);
        }
        vetting.setType("summary");
        vetting.setActor("ai");
        vetting.setText(phrased.get());
        FailsafePolicy.Outcome outcome = failsafes.vet(vetting);
        if (outcome.allowed() && outcome.rules().isEmpty()) {
            return new Summary(phrased.get(), MODEL);
        }
        LOG.infof("The failsafes refused the model's summary of %s (%s); the extractive summary stands",
                subject, outcome.rules());
        return new Summary(extract, EXTRACTIVE);
    }

    /** The most informative sentences of the messages, in their order, at most {@value #MAX_LENGTH} characters. */
    static String extractive(List<String> messages) {
        List<String> sentences = new ArrayList<>();
        for (String message : messages) {
            for (String sentence : SENTENCE_END.split(ReadLimit.of(message == null ? "" : message))) {
                String flat = sentence.replaceAll("\\s+", " ").trim();
                if (!flat.isEmpty()) {
                    sentences.add(flat);
                }
            }
        }
        List<Integer> informative = IntStream.range(0, sentences.size()).boxed()
                .filter(i -> informativeness(sentences.get(i)) >= INFORMATIVE).toList();
        List<Integer> kept = (informative.isEmpty() ? IntStream.range(0, sentences.size()).boxed().toList() : informative)
                .stream()
                .sorted(Comparator.comparingDouble((Integer i) -> -informativeness(sentences.get(i))).thenComparing(i -> i))
                .limit(SENTENCES).sorted().toList();
        String summary = String.join(" ", kept.stream().map(sentences::get).toList());
        return summary.length() <= MAX_LENGTH ? summary : summary.substring(0, MAX_LENGTH - 3) + "...";
    }

    /** Entities weigh most, then what was tried and what is at stake; longer sentences say a little more. */
    private static double informativeness(String sentence) {
        RiskSignals signals = RiskSignals.in(sentence);
        int words = sentence.split(" ").length;
        return 3.0 * Entities.in(sentence).size()
                + (TRIED.matcher(sentence).find() ? 2 : 0)
                + (signals.money() || signals.security() || signals.legal() || signals.outage() ? 2 : 0)
                + Math.min(words, 25) / 25.0
                - (words < 3 ? 1 : 0);
    }
}
