package io.continuum.firstcontact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Risk signals found in a customer's words: money, security, legal and outage. They feed the
 * severity policy, whatever the classifier thinks the intent is, so a P0 is never missed
 * because a model was unsure.
 */
public record RiskSignals(boolean money, boolean security, boolean legal, boolean outage) {

    /**
     * Share of P0 among the nearest examples (weighted as {@link IntentClassifier#P0_SHARPNESS} says) from
     * which the message counts as P0. Chosen on the example half of the shared data with the built-in
     * examples alone (bench/README.md), where it favours recall: 0.25 gave recall 0.912, precision 0.662;
     * 0.3 gave 0.882, 0.715; 0.4 gave 0.847, 0.806. A false P0 costs a fast look, a missed one costs a
     * customer's money.
     */
    static final double P0_LIKELIHOOD_THRESHOLD = 0.25;

    /** Money missing, duplicated or taken; asking for or awaiting a refund is neither, so "refund" alone is not read. */
    private static final Pattern MONEY = Pattern.compile(
            "(?i)\\b(charged twice|double charge[d]?|duplicate (charge|payment)|money (is )?(missing|gone)|"
                    + "unauthori[sz]ed (charge|payment|transaction)|overcharged|chargeback|lost my money|wrong amount|"
                    + "(losing|lose|lost) (money|revenue|sales|orders)|(charged|billing|billed) (our )?customers twice)\\b");
    private static final Pattern SECURITY = Pattern.compile(
            "(?i)\\b(hack(ed)?|fraud(ulent)?|phishing|scam(med)?|someone (logged|accessed|got) in(to)?|account takeover|"
                    + "stolen|identity theft|data (breach|leak)|compromised|did not change my password|didn't change my password|"
                    + "(security )?vulnerabilit(y|ies))\\b");
    private static final Pattern LEGAL = Pattern.compile(
            "(?i)\\b(lawyer|attorney|legal action|lawsuit|sue|suing|court|regulator|ombudsman|gdpr complaint)\\b");
    /**
     * The service is down or failing for many, not one feature misbehaving for one person: a crash of
     * one screen is a defect and one person unable to log in is a lockout, neither is an outage.
     */
    private static final Pattern OUTAGE = Pattern.compile(
            "(?i)\\b(is down|are down|went down|outage|not loading|won't load|service unavailable|"
                    + "(error|http|status|returns|returning|getting|get) ?5\\d\\d|nothing works|completely broken|"
                    + "(nobody|no one|none of (us|our \\w+)) (on our team |here )?(can|is able to)|"
                    + "down for (all|everyone|every|us)|(every|all) (requests?|checkouts?|calls?|pages?)( to (your|the) \\w+)? (fail|time|return)\\w*)\\b");

    /**
     * The keyword signals of the text, with money or security also raised when the message's nearest
     * labelled examples are mostly P0 cases: customers describe missing money and fraud in more ways
     * than any keyword list holds, and the severity policy gives P0 only on those two signals.
     */
    public static RiskSignals of(String text, IntentPrediction prediction) {
        RiskSignals words = in(text);
        boolean p0 = prediction.p0Likelihood() >= P0_LIKELIHOOD_THRESHOLD;
        return new RiskSignals(words.money() || (p0 && !prediction.p0Security()),
                words.security() || (p0 && prediction.p0Security()), words.legal(), words.outage());
    }

    /** As the annotations, the handoff brief and the classify API show them. */
    public Map<String, Boolean> asMap() {
        Map<String, Boolean> signals = new LinkedHashMap<>();
        signals.put("money", money);
        signals.put("security", security);
        signals.put("legal", legal);
        signals.put("outage", outage);
        return signals;
    }

    public static RiskSignals in(String text) {
        String words = text == null ? "" : ReadLimit.of(text);
        return new RiskSignals(MONEY.matcher(words).find(), SECURITY.matcher(words).find(),
                LEGAL.matcher(words).find(), OUTAGE.matcher(words).find());
    }
}
