package io.continuum.delivery;

import io.continuum.consent.ConsentRecord;
import io.continuum.consent.Consents;
import io.continuum.decisions.DecisionService;
import io.continuum.decisions.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A channel's own opt-out is consent withdrawn: a customer who texted STOP to our SMS number gets nothing
 * more by SMS (the carrier would block it, and sending anyway risks the number) until they text START. Every
 * message held back for it is logged as a decision, so "why did my reply not go?" has its answer.
 */
@ApplicationScoped
class ChannelOptOuts {

    static final String DECIDER = "channel-opt-out";
    static final int VERSION = 1;
    private final Consents consents;
    private final DecisionService decisions;

    ChannelOptOuts(Consents consents, DecisionService decisions) {
        this.consents = consents;
        this.decisions = decisions;
    }

    /** What the check read: whose opt-out on which channel, and the record that made it. */
    public record Inputs(UUID customerId, String channel, String consentSource, Instant withdrawnAt, UUID consentRecordId) {
    }

    public record Outputs(boolean send) {
    }

    /** Empty when the channel may carry a message to the customer; otherwise why not, logged as a decision. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<String> refusal(UUID customerId, String channel, UUID conversationId) {
        long started = System.nanoTime();
        Optional<ConsentRecord> optedOut = consents.optOutOf(customerId, channel);
        if (optedOut.isEmpty()) {
            return Optional.empty();
        }
        String why = "the customer opted out of " + channel + " (" + optedOut.get().source + "); nothing is sent on " + channel
                + " until they opt in again";
        decisions.record(DECIDER, VERSION, conversationId,
                new Inputs(customerId, channel, optedOut.get().source, optedOut.get().recordedAt, optedOut.get().id),
                new Outputs(false), List.of(new Evaluation.FiredRule("opted-out", "channel-opt-out", why)),
                (System.nanoTime() - started) / 1_000);
        return Optional.of(why);
    }
}
