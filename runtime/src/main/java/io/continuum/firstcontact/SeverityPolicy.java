package io.continuum.firstcontact;

import io.continuum.decisions.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The live {@code severity} decision table (decision-tables/severity.dmn): how urgent a classified
 * message is, P0 (money or security at stake) to P3. Its inputs are built here and nowhere else.
 */
@ApplicationScoped
public class SeverityPolicy {

    public static final String NAME = "severity";
    public static final String DEFAULT_TIER = "standard";

    /** What severity.dmn reads; a missing tier is the standard one. */
    public record Inputs(String intent, RiskSignals signals, String tier, double sentiment) {

        public Inputs {
            tier = tier == null || tier.isBlank() ? DEFAULT_TIER : tier;
        }

        /** The DMN context, named as the table's input columns. */
        public Map<String, Object> context() {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("intent", intent);
            context.put("moneySignal", signals.money());
            context.put("securitySignal", signals.security());
            context.put("legalSignal", signals.legal());
            context.put("outageSignal", signals.outage());
            context.put("tier", tier);
            context.put("sentiment", sentiment);
            return context;
        }
    }

    private final DecisionService decisions;

    SeverityPolicy(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** Decides about a conversation, logged with it. */
    @Transactional
    public String decide(Inputs inputs, UUID conversationId) {
        return level(decisions.decide(NAME, inputs.context(), conversationId).outputs());
    }

    /** Decides without logging: for a message that belongs to no conversation (trying the classifier out). */
    public String tryLive(Inputs inputs) {
        return level(decisions.tryLive(NAME, inputs.context()).outputs());
    }

    /** The severity level (P0..P3) in the table's outputs; null when no row matched. */
    public static String level(Map<String, Object> outputs) {
        Object level = outputs.get("severity");
        return level == null ? null : level.toString();
    }
}
