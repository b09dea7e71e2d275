package io.continuum.firstcontact;

import java.util.regex.Pattern;

/**
 * Risk signals found in a customer's words: money, security, legal and outage. They feed the
 * severity policy, whatever the classifier thinks the intent is, so a P0 is never missed
 * because a model was unsure.
 */
public record RiskSignals(boolean money, boolean security, boolean legal, boolean outage) {

    private static final Pattern MONEY = Pattern.compile(
            "(?i)\\b(charged twice|double charge[d]?|duplicate (charge|payment)|refund|money (is )?(missing|gone)|"
                    + "unauthori[sz]ed (charge|payment|transaction)|overcharged|chargeback|lost my money|wrong amount)\\b");
    private static final Pattern SECURITY = Pattern.compile(
            "(?i)\\b(hack(ed)?|fraud(ulent)?|phishing|scam(med)?|someone (logged|accessed|got) in(to)?|account takeover|"
                    + "stolen|identity theft|data (breach|leak)|compromised|did not change my password|didn't change my password)\\b");
    private static final Pattern LEGAL = Pattern.compile(
            "(?i)\\b(lawyer|attorney|legal action|lawsuit|sue|suing|court|regulator|ombudsman|gdpr complaint)\\b");
    private static final Pattern OUTAGE = Pattern.compile(
            "(?i)\\b(is down|are down|outage|not loading|won't load|cannot log ?in|can't log ?in|service unavailable|"
                    + "error 5\\d\\d|nothing works|completely broken|crash(es|ed|ing)?)\\b");

    public static RiskSignals in(String text) {
        String words = text == null ? "" : text;
        return new RiskSignals(MONEY.matcher(words).find(), SECURITY.matcher(words).find(),
                LEGAL.matcher(words).find(), OUTAGE.matcher(words).find());
    }
}
