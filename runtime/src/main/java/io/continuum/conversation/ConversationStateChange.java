package io.continuum.conversation;

import io.continuum.privacy.PersonalData;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.UUID;

/**
 * A state change as it appears in the timeline. Its reason may quote the customer ("she says the card was
 * stolen"), so it is stored sealed like a message's text; a change written after the customer's erasure
 * keeps none.
 */
@Entity
public class ConversationStateChange extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID conversationId;
    public String fromState;
    public String toState;
    /** The reason, opened; what is stored is {@code sealedReason}. */
    @Transient
    public String reason;
    @Column(name = "reason")
    String sealedReason;
    public String actor;
    public Instant changedAt;

    void write(UUID customerId, String text) {
        reason = text;
        sealedReason = PersonalData.instance().sealUnlessErased(customerId, text);
    }

    @PostLoad
    void open() {
        reason = PersonalData.instance().open(sealedReason);
    }
}
