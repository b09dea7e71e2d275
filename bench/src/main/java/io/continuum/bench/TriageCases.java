package io.continuum.bench;

import io.continuum.failsafes.ProposedAction;
import io.continuum.firstcontact.RiskSignals;
import io.continuum.firstcontact.SeverityPolicy;
import io.continuum.routing.QueuePolicy;
import io.continuum.sla.SlaPolicy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generated first contacts to run the decision chain on: a mix of intents, risk signals, tiers,
 * sentiments, channels, languages and AI replies (benign ones and ones each failsafe rule
 * catches), drawn from a fixed seed so every run decides the same cases.
 */
final class TriageCases {

    /** One inbound contact, plus the reply the AI would propose for it. */
    record TriageCase(String intent, boolean moneySignal, boolean securitySignal, boolean legalSignal,
                      boolean outageSignal, String tier, double sentiment, String channel, String language,
                      String conversationId, String actionId, String replyText) {

        SeverityPolicy.Inputs severityInputs() {
            return new SeverityPolicy.Inputs(intent, new RiskSignals(moneySignal, securitySignal, legalSignal, outageSignal),
                    tier, sentiment);
        }

        QueuePolicy.Inputs routingInputs(String severity) {
            return new QueuePolicy.Inputs(intent, severity, channel, tier, language);
        }

        SlaPolicy.Inputs slaInputs(String severity) {
            return new SlaPolicy.Inputs(tier, severity, channel);
        }

        /** The AI's proposed reply to the customer, checked by the {@code ai-failsafes} rule unit. */
        ProposedAction proposedReply() {
            ProposedAction action = new ProposedAction();
            action.setActionId(actionId);
            action.setConversationId(conversationId);
            action.setType("reply");
            action.setActor("ai");
            action.setText(replyText);
            return action;
        }
    }

    private static final List<String> INTENTS = List.of("how_to_guidance", "account_access_issue",
            "transaction_system_failure", "bug_technical_defect", "urgent_high_risk", "noise_low_intent", "unknown");
    private static final List<String> TIERS = List.of("free", "standard", "standard", "premium", "enterprise");
    private static final List<String> CHANNELS = List.of("web_chat", "email", "email", "whatsapp", "messenger",
            "instagram", "x", "sms", "voice");
    /** Mostly English; region suffixes and upper case as channels deliver them. */
    private static final List<String> LANGUAGES = List.of("en", "en", "en", "en", "es", "es-MX", "de", "pt_BR", "FR");
    /** Half pass every failsafe; the others promise a time, claim a fix or argue, in that order. */
    private static final List<String> REPLIES = List.of(
            "Thanks for reaching out! You can reset your password from the login page under 'Forgot password'.",
            "I'm sorry for the trouble. I've passed this to our payments team and we will keep you posted here.",
            "Could you share a screenshot of the error you see, and the time it happened?",
            "Once the fix is deployed we will let you know right away.",
            "We are looking into this and you will hear from us within 2 hours.",
            "Your refund should arrive by Friday.",
            "Good news: the issue has been fixed, please try again.",
            "As I already told you, the refund was issued last week.");
    /** Share of contacts with each risk signal. */
    private static final double SIGNAL_RATE = 0.08;

    private final List<TriageCase> cases;

    private TriageCases(List<TriageCase> cases) {
        this.cases = cases;
    }

    static TriageCases generate(int count, long seed) {
        Random random = new Random(seed);
        List<TriageCase> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(new TriageCase(
                    pick(random, INTENTS),
                    random.nextDouble() < SIGNAL_RATE,
                    random.nextDouble() < SIGNAL_RATE,
                    random.nextDouble() < SIGNAL_RATE / 2,
                    random.nextDouble() < SIGNAL_RATE,
                    pick(random, TIERS),
                    Math.round((random.nextDouble() * 2 - 1) * 100) / 100.0,
                    pick(random, CHANNELS),
                    pick(random, LANGUAGES),
                    new UUID(random.nextLong(), random.nextLong()).toString(),
                    "action-" + i,
                    pick(random, REPLIES)));
        }
        return new TriageCases(Collections.unmodifiableList(cases));
    }

    int size() {
        return cases.size();
    }

    List<TriageCase> all() {
        return cases;
    }

    /** An endless walk through the cases from {@code start}; one per worker thread, not shared. */
    Cursor cursor(int start) {
        return new Cursor(start);
    }

    final class Cursor {
        private int next;

        private Cursor(int start) {
            this.next = Math.floorMod(start, cases.size());
        }

        TriageCase next() {
            TriageCase current = cases.get(next);
            next = next + 1 == cases.size() ? 0 : next + 1;
            return current;
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
