package io.continuum.firstcontact;

import io.continuum.platform.SentenceEmbeddings;
import io.continuum.decisions.Decision;
import io.continuum.decisions.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Classifies a message without creating a conversation: intent and confidence from the
 * examples, severity from the live {@code severity} policy (not logged: nothing was decided
 * about anyone), sentiment, entities and the risk signals that went into the severity.
 */
@ApplicationScoped
public class MessageClassification {

    public record Classification(String intent, double confidence, String severity, double sentiment,
                                 List<Entities.Entity> entities, Map<String, Boolean> signals, int exampleSetVersion) {
    }

    private final IntentExamples examples;
    private final DecisionService decisions;
    private final SentenceEmbeddings embeddings;

    MessageClassification(IntentExamples examples, DecisionService decisions, SentenceEmbeddings embeddings) {
        this.examples = examples;
        this.decisions = decisions;
        this.embeddings = embeddings;
    }

    public Classification classify(String text, String tier) {
        return classify(text, embeddings.embed(text == null ? "" : text), tier);
    }

    /** @param meaning the text's embedding, computed once by a caller that uses it again (similar cases) */
    public Classification classify(String text, float[] meaning, String tier) {
        int version = examples.version();
        IntentPrediction prediction = examples.classifier().classify(meaning);
        RiskSignals signals = SeverityInputs.signals(text, prediction);
        double sentiment = Sentiment.of(text);
        Decision severity = decisions.tryLive("severity", SeverityInputs.of(prediction.intent(), signals, tier, sentiment));
        return new Classification(prediction.intent().wireName(), prediction.confidence(), severity.output("severity"),
                sentiment, Entities.in(text), Map.of("money", signals.money(), "security", signals.security(),
                "legal", signals.legal(), "outage", signals.outage()), version);
    }
}
