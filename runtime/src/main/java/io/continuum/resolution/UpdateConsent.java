package io.continuum.resolution;

import io.continuum.consent.ConsentPurpose;
import io.continuum.consent.ConsentState;
import io.continuum.consent.Consents;
import io.continuum.conversation.Conversations;
import io.continuum.decisions.DecisionService;
import io.continuum.decisions.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Asks the customer's consent before a Resolution update goes to them. Acknowledging their report is a
 * service message; news they did not ask for at that moment (the 12-hour updates, an engineer's update, the
 * fix) is a proactive update, sent unless they withdrew it (see {@link ConsentPurpose}). A message not sent
 * for want of consent is logged as a decision, so "why did this customer hear nothing?" has its answer.
 */
@ApplicationScoped
public class UpdateConsent {

    static final String DECIDER = "update-consent";
    static final int VERSION = 1;

    private final Conversations conversations;
    private final Consents consents;
    private final DecisionService decisions;

    UpdateConsent(Conversations conversations, Consents consents, DecisionService decisions) {
        this.conversations = conversations;
        this.consents = consents;
        this.decisions = decisions;
    }

    /** What the check read: whose consent, for which update, and where it stood. */
    public record Inputs(UUID customerId, String caseRef, String updateKind, String purpose, String consentStatus,
                         Instant withdrawnAt, UUID consentRecordId) {
    }

    public record Outputs(boolean send) {
    }

    static ConsentPurpose purposeOf(CustomerUpdates.Kind kind) {
        return switch (kind) {
            case ACKNOWLEDGEMENT, LINKED -> ConsentPurpose.SERVICE_MESSAGES;
            case PROACTIVE, ENGINEER, RESOLVED -> ConsentPurpose.PROACTIVE_UPDATES;
        };
    }

    /** True when the update may go to the customer of the link; otherwise the skip is logged with its reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean allows(Resolution resolution, ResolutionLink link, CustomerUpdates.Kind kind) {
        long started = System.nanoTime();
        UUID customerId = conversations.require(link.conversationId).customerId;
        ConsentPurpose purpose = purposeOf(kind);
        ConsentState consent = consents.current(customerId, purpose);
        if (consent.allowed()) {
            return true;
        }
        String why = "withdrawn".equals(consent.status())
                ? "the customer withdrew consent to " + purpose.wireName() + "; no " + kind.wireName() + " update is sent"
                : purpose.wireName() + " needs the customer's consent, which was never given";
        decisions.record(DECIDER, VERSION, link.conversationId,
                new Inputs(customerId, resolution.caseRef, kind.wireName(), purpose.wireName(), consent.status(),
                        consent.withdrawnAt(), consent.recordId()),
                new Outputs(false), List.of(new Evaluation.FiredRule(consent.status(), "consent", why)),
                (System.nanoTime() - started) / 1_000);
        return false;
    }
}
