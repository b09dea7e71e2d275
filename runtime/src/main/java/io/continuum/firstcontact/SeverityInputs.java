package io.continuum.firstcontact;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inputs of the {@code severity} policy for a classified message. The money and security
 * signals are the keyword {@link RiskSignals}, raised when the message's nearest labelled
 * examples are mostly P0 cases: customers describe missing money and fraud in more ways than
 * any keyword list holds, and the policy gives P0 only on those two signals.
 */
public final class SeverityInputs {

    public static final String DEFAULT_TIER = "standard";
    /**
     * Share of P0 among the nearest examples from which the message counts as P0. Chosen on the
     * validation split of the example half (bench/classifier.sh) for P0 recall ≥ 0.95 there; a
     * false P0 costs a fast look, a missed one costs a customer's money.
     */
    static final double P0_LIKELIHOOD_THRESHOLD = 0.3;

    private SeverityInputs() {
    }

    public static RiskSignals signals(String text, IntentPrediction prediction) {
        RiskSignals words = RiskSignals.in(text);
        boolean p0 = prediction.p0Likelihood() >= P0_LIKELIHOOD_THRESHOLD;
        return new RiskSignals(words.money() || (p0 && !prediction.p0Security()),
                words.security() || (p0 && prediction.p0Security()), words.legal(), words.outage());
    }

    public static Map<String, Object> of(Intent intent, RiskSignals signals, String tier, double sentiment) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("intent", intent.wireName());
        inputs.put("moneySignal", signals.money());
        inputs.put("securitySignal", signals.security());
        inputs.put("legalSignal", signals.legal());
        inputs.put("outageSignal", signals.outage());
        inputs.put("tier", tier == null || tier.isBlank() ? DEFAULT_TIER : tier);
        inputs.put("sentiment", sentiment);
        return inputs;
    }
}
