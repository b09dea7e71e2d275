package io.continuum.firstcontact;

import io.continuum.platform.SentenceEmbeddings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Reads one message offline: intent and confidence from the labelled examples, sentiment,
 * entities and the risk signals that the severity policy weighs. Deciding anything from it is
 * the policies' job ({@link FallbackPolicy}, {@link SeverityPolicy}).
 */
@ApplicationScoped
public class MessageClassification {

    /**
     * @param p0Likelihood the weighted share of P0 examples among the nearest ones ({@link IntentPrediction}), from
     *                     which {@link RiskSignals} may raise the money or security signal: kept with the reading so
     *                     a P0 can be explained
     */
    public record Classification(String intent, double confidence, double sentiment, List<Entities.Entity> entities,
                                 RiskSignals signals, double p0Likelihood, int exampleSetVersion) {

        /** The facts the classification-fallbacks rules judge. */
        public ClassificationFacts facts(String conversationId, String text) {
            ClassificationFacts facts = new ClassificationFacts();
            facts.setConversationId(conversationId);
            facts.setText(text);
            facts.setIntent(intent);
            facts.setConfidence(confidence);
            facts.setMoneySignal(signals.money());
            facts.setSecuritySignal(signals.security());
            facts.setLegalSignal(signals.legal());
            facts.setOutageSignal(signals.outage());
            return facts;
        }
    }

    private final IntentExamples examples;
    private final SentenceEmbeddings embeddings;

    MessageClassification(IntentExamples examples, SentenceEmbeddings embeddings) {
        this.examples = examples;
        this.embeddings = embeddings;
    }

    public Classification classify(String text) {
        return classify(text, embeddings.embed(text == null ? "" : text));
    }

    /** @param meaning the text's embedding, computed once by a caller that uses it again (similar cases) */
    public Classification classify(String text, float[] meaning) {
        int version = examples.version();
        IntentPrediction prediction = examples.classifier().classify(meaning);
        return new Classification(prediction.intent().wireName(), prediction.confidence(), Sentiment.of(text),
                Entities.in(text), RiskSignals.of(text, prediction), Math.round(prediction.p0Likelihood() * 1000) / 1000.0,
                version);
    }
}
